import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { Pool } from "pg";
import { migrate, MIGRATIONS } from "../../app/src/migrations";
import { snapshotLines, SNAPSHOT_MARKER } from "../../app/src/schema-cli";
import { checkSchemaParity, type SchemaParityReport } from "../../app/src/schema/check";
import { renderMarkdown, renderText } from "../../app/src/schema/render";
import { readSchema } from "../../app/src/schema/snapshot";
import { startReplicatedPostgres, testPool, type ReplicatedPostgres } from "../helpers/postgres";
import { PROJECT_DIR } from "../helpers/temp-project";

const REGISTER = path.join(PROJECT_DIR, "parity/cli/register.js");
const CLI = path.join(PROJECT_DIR, "app/src/schema-cli.ts");
const HISTORY_NEWEST = Math.max(...MIGRATIONS.map((m) => m.version));

let postgres: ReplicatedPostgres;
let admin: Pool;
let databases = 0;
const pools: Pool[] = [];

beforeAll(async () => {
  postgres = await startReplicatedPostgres(0);
  admin = testPool(postgres.primary.url("postgres"));
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await admin.end();
  await postgres.stop();
});

/** A new database, migrated to `version` (undefined: left empty); its URL and a pool. */
async function database(version?: number): Promise<{ url: string; pool: Pool }> {
  const name = `schema_case_${++databases}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = postgres.primary.url(name);
  const pool = testPool(url);
  pools.push(pool);
  if (version !== undefined) await migrate(pool, MIGRATIONS, version);
  return { url, pool };
}

/** Staging and production at `version`, and an empty scratch database. */
async function environments(version = HISTORY_NEWEST) {
  const [staging, production, scratch] = [
    await database(version),
    await database(version),
    await database(),
  ];
  return { staging, production, scratch };
}

function check(env: Awaited<ReturnType<typeof environments>>): Promise<SchemaParityReport> {
  return checkSchemaParity({
    cwd: PROJECT_DIR,
    staging: env.staging.url,
    production: env.production.url,
    scratch: env.scratch.url,
    migrations: MIGRATIONS,
  });
}

/** Every difference as `comparison: object: what`. */
const differences = (report: SchemaParityReport): string[] =>
  report.comparisons.flatMap((c) =>
    c.differences.map((d) => `${c.left} vs ${c.right}: ${d.object}: ${d.what}`),
  );

/** The CLI as the image and the workflow run it. */
function cli(
  args: readonly string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-r", REGISTER, CLI, ...args], { cwd: PROJECT_DIR });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}

describe("schema parity on real PostgreSQL", () => {
  it("exits 0 with the verdict first when staging, production and the history match", async () => {
    const env = await environments();
    const run = await cli([
      "compare",
      "--staging",
      env.staging.url,
      "--production",
      env.production.url,
      "--scratch",
      env.scratch.url,
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe(
      "schema parity: MATCH: staging, production, the migration history agree (3 comparisons).",
    );
    expect(run.stdout).toContain(`production: version ${HISTORY_NEWEST}, `);
  });

  it("names an index hand-applied on production, against staging and the history, and exits 1", async () => {
    const env = await environments();
    await env.production.pool.query("CREATE INDEX notes_body_idx ON notes (body)");
    const json = path.join(mkdtempSync(path.join(tmpdir(), "schema-")), "report.json");
    const run = await cli([
      "compare",
      "--staging",
      env.staging.url,
      "--production",
      env.production.url,
      "--scratch",
      env.scratch.url,
      "--json",
      json,
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n")[0]).toBe(
      "schema parity: DRIFT: 2 differences (staging vs production: 1; production vs the migration history: 1).",
    );
    expect(run.stdout).toContain(
      "  index public.notes_body_idx: on production, not in the migration history (hand-applied?)\n",
    );
    expect(run.stdout).toContain("  index public.notes_body_idx: on production, not on staging\n");
  });

  it("names a column added by hand on staging", async () => {
    const env = await environments();
    await env.staging.pool.query("ALTER TABLE notes ADD COLUMN title text");
    expect(differences(await check(env))).toEqual([
      "staging vs production: column public.notes.title: on staging, not on production",
      "staging vs the migration history: column public.notes.title: on staging, not in the migration history (hand-applied?)",
    ]);
  });

  it("names a default changed by hand, with both values", async () => {
    const env = await environments();
    await env.production.pool.query(
      "ALTER TABLE notes ALTER COLUMN created_at SET DEFAULT statement_timestamp()",
    );
    expect(differences(await check(env))).toEqual([
      "staging vs production: column public.notes.created_at: default now() on staging, statement_timestamp() on production",
      "production vs the migration history: column public.notes.created_at: default statement_timestamp() on production, now() in the migration history",
    ]);
  });

  it("names a constraint dropped by hand, and the index that went with it", async () => {
    const env = await environments();
    await env.production.pool.query("ALTER TABLE notes DROP CONSTRAINT notes_slug_key");
    const found = differences(await check(env));
    expect(found).toContain(
      "production vs the migration history: constraint public.notes.notes_slug_key: in the migration history, not on production (dropped by hand?)",
    );
    expect(found).toContain(
      "staging vs production: index public.notes_slug_key: on staging, not on production",
    );
    expect(found.filter((d) => d.startsWith("staging vs the migration history"))).toEqual([]);
  });

  it("holds staging ahead of production to the history, not to production: a release is between them", async () => {
    const staging = await database(HISTORY_NEWEST);
    const production = await database(2);
    const scratch = await database();
    const report = await check({ staging, production, scratch });
    expect(differences(report)).toEqual([]);
    expect(report.comparisons.map((c) => `${c.left} vs ${c.right}`)).toEqual([
      "staging vs the migration history",
      "production vs the migration history",
    ]);
    expect(report.notes).toEqual([
      `staging records migration ${HISTORY_NEWEST}, production 2: a release is between them, so each is compared with the migration history at its own version, not with the other.`,
    ]);
    expect(report.ok).toBe(true);
  });

  it("names the migration staging is missing when production is ahead of it", async () => {
    const staging = await database(2);
    const production = await database(HISTORY_NEWEST);
    const scratch = await database();
    const found = differences(await check({ staging, production, scratch }));
    expect(found[0]).toBe(
      'staging vs production: migration 3 "write marker for read-your-writes": applied on production, not on staging',
    );
    expect(found).toContain(
      "staging vs production: table public.write_marks: on production, not on staging",
    );
    // Staging is behind, not drifted: it matches the history at the version it records.
    expect(found.filter((d) => d.includes("vs the migration history"))).toEqual([]);
  });

  it("names a migration skipped in the middle of the history", async () => {
    const env = await environments(1);
    for (const pool of [env.staging.pool, env.production.pool]) {
      const third = MIGRATIONS.find((m) => m.version === 3);
      await pool.query(third?.sql ?? "");
      await pool.query("INSERT INTO schema_migrations (version, name) VALUES (3, $1)", [
        third?.name,
      ]);
    }
    expect(differences(await check(env))).toEqual([
      'staging vs the migration history: migration 2 "notes.slug is unique": in the migration history, not applied on staging',
      "staging vs the migration history: constraint public.notes.notes_slug_key: in the migration history, not on staging (dropped by hand?)",
      "staging vs the migration history: index public.notes_slug_key: in the migration history, not on staging (dropped by hand?)",
      'production vs the migration history: migration 2 "notes.slug is unique": in the migration history, not applied on production',
      "production vs the migration history: constraint public.notes.notes_slug_key: in the migration history, not on production (dropped by hand?)",
      "production vs the migration history: index public.notes_slug_key: in the migration history, not on production (dropped by hand?)",
    ]);
  });

  it("does not count what AWS installs itself as drift", async () => {
    const env = await environments();
    await env.production.pool.query(
      "CREATE SCHEMA aws_commons; CREATE TYPE aws_commons._s3_uri_1 AS (bucket text, file_path text)",
    );
    expect((await check(env)).ok).toBe(true);
  });

  it("reads a snapshot the image printed as log lines the same as the database itself", async () => {
    const env = await environments();
    const lines = snapshotLines(await readSchema(env.production.pool));
    const encoded = lines.map((line) => line.replace(/^\S+ \d+\/\d+ /, "")).join("");
    const json = gunzipSync(Buffer.from(encoded, "base64")).toString("utf8");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "schema-")), "production.json");
    writeFileSync(file, json);
    expect(lines.every((line) => line.startsWith(`${SNAPSHOT_MARKER} `))).toBe(true);
    const report = await checkSchemaParity({
      cwd: PROJECT_DIR,
      staging: env.staging.url,
      production: file,
      migrations: MIGRATIONS,
    });
    expect(report.ok).toBe(true);
    expect(report.comparisons).toHaveLength(1);
  });
});

describe("the renderers", () => {
  const report = (differences: number): SchemaParityReport => ({
    sides: [
      { label: "staging", server: "16.11", version: 3, objects: 14 },
      { label: "production", server: "16.11", version: 3, objects: 15 },
    ],
    comparisons: [
      {
        left: "staging",
        right: "production",
        differences: Array.from({ length: differences }, (_, i) => ({
          object: `index public.notes_${i}_idx`,
          what: "on production, not on staging",
        })),
      },
    ],
    notes: [],
    ok: differences === 0,
  });

  it("puts the verdict first in text, then what was read, then each difference", () => {
    expect(renderText(report(1))).toMatchInlineSnapshot(`
      "schema parity: DRIFT: 1 difference (staging vs production: 1).

        staging: version 3, 14 objects, PostgreSQL 16.11
        production: version 3, 15 objects, PostgreSQL 16.11

      staging vs production: 1 difference
        index public.notes_0_idx: on production, not on staging
      "
    `);
  });

  it("folds each comparison in markdown, open when it differs", () => {
    expect(renderMarkdown(report(1))).toMatchInlineSnapshot(`
      "### Schema drift

      schema parity: DRIFT: 1 difference (staging vs production: 1).

      - staging: version 3, 14 objects, PostgreSQL 16.11
      - production: version 3, 15 objects, PostgreSQL 16.11

      <details open><summary>staging vs production: 1 difference</summary>

      - \`index public.notes_0_idx\`: on production, not on staging

      </details>
      "
    `);
  });

  it("stops listing differences before GitHub's issue body limit and says how many are left", () => {
    const markdown = renderMarkdown(report(5000));
    expect(markdown.length).toBeLessThan(65_536 - 1_000);
    expect(markdown).toMatch(/\n\d+ more differences in the run's log \(--json\)\.\n$/);
  });
});

describe("snapshotLines", () => {
  it("splits a large snapshot into numbered lines a log driver keeps whole, which join back into it", () => {
    const objects = Array.from({ length: 3000 }, (_, i) => ({
      kind: "function" as const,
      name: `public.f${i}()`,
      properties: { definition: `SELECT ${(i * 7919).toString(36)}${"x".repeat(i % 97)}` },
    }));
    const snapshot = {
      format: "parity-schema/1" as const,
      database: "app",
      server: { version: "16.11", major: 16 },
      objects,
      migrations: [{ version: 1, name: "create notes" }],
    };
    const lines = snapshotLines(snapshot);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.map((line) => /^schema-snapshot (\d+)\/(\d+) /.exec(line)?.slice(1))).toEqual(
      lines.map((_, i) => [String(i + 1), String(lines.length)]),
    );
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(16 * 1024);
    const encoded = lines.map((line) => line.replace(/^\S+ \d+\/\d+ /, "")).join("");
    expect(JSON.parse(gunzipSync(Buffer.from(encoded, "base64")).toString("utf8"))).toEqual(
      snapshot,
    );
  });
});

describe("schema parity refuses bad input with exit 2, in one line", () => {
  it.each([
    [
      "a URL without a host, never printing its password",
      ["--production", "postgres://app:s3cret@/notes", "--staging", "postgres://x@h/db"],
      "schema: --production postgres://app:***@/notes: not a URL. Allowed: postgres://user@host:port/database (or postgresql://). Fix: pass the database's connection URL.\n",
    ],
    [
      "a URL of another scheme",
      ["--staging", "mysql://app:s3cret@db.internal/notes", "--production", "p.json"],
      "schema: --staging mysql://app:***@db.internal/notes: the scheme mysql: is not PostgreSQL's. Allowed: postgres:// or postgresql://. Fix: pass the database's connection URL.\n",
    ],
    [
      "one live database and nothing to compare it with",
      ["--staging", "postgres://app:s3cret@db.internal/notes"],
      "schema: nothing to compare: got only --staging. Allowed: --staging and --production (each a postgres:// URL or a snapshot file), --scratch URL for the migration history; at least two of the three, one of them live. Fix: add the missing option.\n",
    ],
    [
      "an unknown option",
      ["--prod", "x"],
      "schema: Unknown option '--prod'. Allowed: --staging, --production, --scratch, --markdown, --json. Fix: see node dist/schema-cli.js --help.\n",
    ],
  ])("%s", async (_case, args, stderr) => {
    const run = await cli(["compare", ...args]);
    expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
      status: 2,
      stderr,
      stdout: "",
    });
  });

  it("names a database it cannot reach without its password", async () => {
    const env = await environments();
    const url = postgres.primary.url("no_such_database").replace("//", "//postgres:s3cret@");
    const run = await cli(["compare", "--staging", env.staging.url, "--production", url]);
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")).toHaveLength(2);
    expect(run.stderr).toMatch(
      /^schema: --production postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/no_such_database: cannot connect \(database "no_such_database" does not exist\)/,
    );
    expect(run.stderr).not.toContain("s3cret");
  });

  it("refuses a scratch database that is not empty, naming what is in it", async () => {
    const env = await environments();
    const run = await cli([
      "compare",
      "--staging",
      env.staging.url,
      "--scratch",
      env.production.url,
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^schema: --scratch postgres:\/\/.*: the database is not empty \(\d+ objects, e\.g\. table public\.notes\)/,
    );
  });
});
