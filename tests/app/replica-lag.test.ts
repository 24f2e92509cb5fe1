import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Pool, type PoolClient } from "pg";
import { withConnection } from "../../app/src/db";
import { migrate, MIGRATIONS, schemaVersion } from "../../app/src/migrations";
import { checkReadYourWrites } from "../../parity/verify/checks";
import { HttpClient } from "../../parity/verify/http";
import type { VerifyReport } from "../../parity/verify/types";
import { startApp, type RunningApp } from "../helpers/app-server";
import { startReplicatedPostgres, testPool, type ReplicatedPostgres } from "../helpers/postgres";
import { until } from "../helpers/until";

/** The replica applies every commit this long after it happened. */
const APPLY_DELAY_MS = 1000;
const READS = 10;
const BIN = path.join(__dirname, "..", "..", "parity", "cli", "bin.js");

let pg: ReplicatedPostgres | undefined;
// Set in beforeAll; undefined only when it failed, and then afterAll must not hide its error.
let writer!: Pool;
let reader!: Pool;
const apps: RunningApp[] = [];
const scratch = mkdtempSync(path.join(tmpdir(), "parity-verify-"));

function cluster(): ReplicatedPostgres {
  if (pg === undefined) throw new Error("PostgreSQL did not start");
  return pg;
}

/**
 * A pool (or a client it hands out) that records the text of every statement sent through
 * `query`, also on the connections `connect()` lends for transactions.
 */
function recording<T extends object>(target: T, statements: string[]): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === "query") {
        return (query: string | { text: string }, ...rest: unknown[]) => {
          statements.push(typeof query === "string" ? query : query.text);
          return method.call(object, query, ...rest);
        };
      }
      if (property === "connect" && object instanceof Pool) {
        return async () => recording((await method.call(object)) as PoolClient, statements);
      }
      return method.bind(object);
    },
  });
}

async function app(
  readStrategy: "naive" | "read-your-writes",
  releaseId: string,
  statements?: string[],
): Promise<RunningApp> {
  const pools =
    statements === undefined
      ? { writer, reader }
      : { writer: recording(writer, statements), reader: recording(reader, statements) };
  const started = await startApp({ ...pools, readStrategy, releaseId });
  apps.push(started);
  return started;
}

/** Runs the real `parity` bin and resolves to its exit code and output. */
function parity(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

beforeAll(async () => {
  pg = await startReplicatedPostgres(APPLY_DELAY_MS);
  writer = testPool(pg.primary.url());
  reader = testPool(pg.replica.url());
  await migrate(writer);
  await until(
    "the replica to apply the migrations",
    async () => (await schemaVersion(reader)) === 3,
  );
});

afterAll(async () => {
  try {
    await Promise.all(apps.map((running) => running.close()));
    const pools = [writer as Pool | undefined, reader as Pool | undefined];
    await Promise.all(pools.flatMap((pool) => (pool === undefined ? [] : [pool.end()])));
  } finally {
    await pg?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});

describe(`read-your-writes against a replica that applies commits ${APPLY_DELAY_MS} ms late`, () => {
  it("fails the check with the naive strategy, because reads hit the lagging replica", async () => {
    const naive = await app("naive", "r2");

    const result = await checkReadYourWrites(new HttpClient(new URL(naive.url), 5000), READS);

    expect(result.status).toBe("fail");
    expect(result.summary).toMatch(
      /^\d+ of 10 reads right after a write did not see it: reads hit a lagging replica\.$/,
    );
    expect(result.seen).toMatch(/^read 1: 404 \{"error":"note \d+ not found"\}/);
  });

  it("passes the check with the read-your-writes strategy", async () => {
    const safe = await app("read-your-writes", "r2");

    const result = await checkReadYourWrites(new HttpClient(new URL(safe.url), 5000), READS);

    expect(result).toEqual({
      name: "read-your-writes",
      status: "pass",
      summary: `All ${READS} reads right after the write saw it.`,
    });
    expect(safe.errors).toEqual([]);
  });

  it("sends a session's reads to the writer until the replica has replayed its write, then to the replica", async () => {
    const safe = await app("read-your-writes", "r2");
    const written = await fetch(`${safe.url}/notes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slug: "routing", body: "routed" }),
    });
    const { id } = (await written.json()) as { id: string };
    const cookie = written.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const readFrom = async () =>
      (await fetch(`${safe.url}/notes/${id}`, { headers: { cookie } })).headers.get("x-read-from");

    expect(cookie).toMatch(/^rw_mark=[1-9][0-9]*$/);
    expect(await readFrom()).toBe("writer");
    await until("reads to move to the replica", async () => (await readFrom()) === "reader");
  });
});

describe("freshness tokens in the session cookie", () => {
  it.each([
    ["a token ahead of every write", "rw_mark=999999999999", "writer"],
    ["an old WAL-position cookie", "rw_mark=0/3000148", "reader"],
    ["no token", "", "reader"],
  ])("send a read with %s to the %s", async (_case, cookie, from) => {
    const safe = await app("read-your-writes", "r2");
    const written = await fetch(`${safe.url}/notes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slug: `token-${from}-${cookie}`, body: "x" }),
    });
    const { id } = (await written.json()) as { id: string };
    await until("the replica to apply the note", async () => {
      const found = await reader.query("SELECT 1 FROM notes WHERE id = $1", [id]);
      return found.rowCount === 1;
    });

    const read = await fetch(`${safe.url}/notes/${id}`, { headers: { cookie } });

    expect(read.status).toBe(200);
    expect(read.headers.get("x-read-from")).toBe(from);
  });

  it("rise with every write, in the write's own transaction", async () => {
    const safe = await app("read-your-writes", "r2");
    const token = async (slug: string) => {
      const written = await fetch(`${safe.url}/notes`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ slug, body: "x" }),
      });
      return /^rw_mark=(\d+)/.exec(written.headers.getSetCookie()[0] ?? "")?.[1];
    };

    const first = Number(await token("rising-1"));
    const second = Number(await token("rising-2"));
    const refused = await fetch(`${safe.url}/notes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slug: "rising-2", body: "duplicate" }),
    });
    const marker = await writer.query<{ mark: string }>(
      "SELECT mark::text AS mark FROM write_marks",
    );

    expect(second).toBe(first + 1);
    expect(refused.status).toBe(409);
    expect(marker.rows).toEqual([{ mark: String(second) }]);
  });
});

describe("a connection the server ends while the app holds it", () => {
  it("fails the next query and is closed, instead of stopping the process", async () => {
    const pool = new Pool({ connectionString: cluster().primary.url() });
    try {
      const attempt = withConnection(pool, async (connection) => {
        const pid = await connection.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
        await writer.query("SELECT pg_terminate_backend($1)", [pid.rows[0]?.pid]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return connection.query("SELECT 1");
      });

      await expect(attempt).rejects.toThrow();
      expect(pool.totalCount).toBe(0);
      expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });
});

describe("the migration pre-check", () => {
  it("refuses to add UNIQUE (slug) while duplicate slugs exist, changes nothing, and applies once they are gone", async () => {
    await writer.query("CREATE DATABASE precheck");
    const pool = testPool(cluster().primary.url("precheck"));
    try {
      await migrate(pool, MIGRATIONS, 1);
      await pool.query(
        "INSERT INTO notes (slug, body) VALUES ('a', '1'), ('a', '2'), ('a', '3'), ('b', '1'), ('b', '2'), ('c', '1')",
      );

      await expect(migrate(pool)).rejects.toThrow(
        [
          'Migration 2 "notes.slug is unique" refused: 2 duplicate notes.slug values across 5 rows.',
          '  - "a" (3 rows)',
          '  - "b" (2 rows)',
          "Nothing was changed. Fix: rename or delete the duplicate notes, then run the migration again.",
        ].join("\n"),
      );
      expect(await schemaVersion(pool)).toBe(1);
      const constraints = await pool.query(
        "SELECT conname FROM pg_constraint WHERE conname = 'notes_slug_key'",
      );
      expect(constraints.rows).toEqual([]);

      await pool.query("DELETE FROM notes WHERE slug IN ('a', 'b') AND body <> '1'");
      expect(await migrate(pool)).toEqual({ applied: [2, 3], version: 3 });
    } finally {
      await pool.end();
    }
  });
});

describe("parity verify against the app started locally", () => {
  it("exits 0 when every check passes, and writes the JSON report", async () => {
    const safe = await app("read-your-writes", "r2");
    const json = path.join(scratch, "report.json");

    const run = await parity([
      "verify",
      safe.url,
      "--release",
      "r2",
      "--migration",
      "3",
      "--json",
      json,
    ]);

    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("11 passed, 0 failed, 2 skipped: the environment conforms.");
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(json, "utf8")) as VerifyReport;
    expect(report.ok).toBe(true);
  });

  it.each([
    ["the naive read strategy", "naive", "r2", "read-your-writes"],
    ["an old release id", "read-your-writes", "r1", "release"],
  ] as const)(
    "exits 1 and names the failed check when the app runs with %s",
    async (_case, strategy, release, failed) => {
      const started = await app(strategy, release);
      const json = path.join(scratch, `${failed}.json`);

      const run = await parity([
        "verify",
        started.url,
        "--release",
        "r2",
        "--migration",
        "3",
        "--json",
        json,
      ]);

      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(new RegExp(`FAIL {2}${failed} `));
      expect(run.stdout).toContain(
        "10 passed, 1 failed, 2 skipped: the environment does not conform.",
      );
      const report = JSON.parse(readFileSync(json, "utf8")) as VerifyReport;
      expect(
        report.checks.filter((check) => check.status === "fail").map((check) => check.name),
      ).toEqual([failed]);
    },
  );

  it("changes nothing with --read-only: no write reaches the database, yet production's checks run", async () => {
    const statements: string[] = [];
    const started = await app("read-your-writes", "r2", statements);
    const notes = async () =>
      Number((await writer.query<{ n: string }>("SELECT count(*) AS n FROM notes")).rows[0]?.n);
    const before = await notes();
    const json = path.join(scratch, "read-only.json");

    const run = await parity([
      "verify",
      started.url,
      "--release",
      "r2",
      "--migration",
      "3",
      "--read-only",
      "--json",
      json,
    ]);

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("10 passed, 0 failed, 3 skipped: the environment conforms.");
    const report = JSON.parse(readFileSync(json, "utf8")) as VerifyReport;
    expect(report.checks.filter((c) => c.status === "skip").map((c) => c.name)).toEqual([
      "cdn",
      "previous-assets",
      "read-your-writes",
    ]);
    expect(statements.filter((sql) => /^\s*SELECT/i.test(sql))).not.toEqual([]);
    expect(statements.filter((sql) => /^\s*(INSERT|UPDATE|DELETE)\b/i.test(sql))).toEqual([]);
    expect(await notes()).toBe(before);
  });

  it("records the write a run without --read-only makes, as the read-only test relies on", async () => {
    const statements: string[] = [];
    const started = await app("read-your-writes", "r2", statements);

    const run = await parity(["verify", started.url, "--release", "r2", "--reads", "1"]);

    expect(run.code).toBe(0);
    // One write: the note and, in its transaction, the bump of the replicated write marker.
    expect(
      statements.filter((sql) => /^\s*INSERT\b/i.test(sql)).map((sql) => sql.split(" ")[2]),
    ).toEqual(["notes", "write_marks"]);
  });
});
