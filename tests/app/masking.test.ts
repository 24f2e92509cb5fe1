import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import path from "node:path";
import { Pool } from "pg";
import { maskDatabase } from "../../app/src/masking/mask";
import { planMasking } from "../../app/src/masking/plan";
import { readSchema } from "../../app/src/masking/catalog";
import { loadRules, parseRules, type MaskingRules } from "../../app/src/masking/rules";
import { migrate, MIGRATIONS, type Migration } from "../../app/src/migrations";
import { startApp } from "../helpers/app-server";
import { startReplicatedPostgres, testPool, type ReplicatedPostgres } from "../helpers/postgres";

const BIN = path.join(__dirname, "..", "..", "parity", "cli", "bin.js");

/** Production-shaped tables beside the app's: people, and which of them wrote which note. */
const PEOPLE: Migration = {
  version: MIGRATIONS.length + 1,
  name: "people and note authors (test fixture)",
  sql: `CREATE TABLE accounts (
          id bigserial PRIMARY KEY,
          email text NOT NULL UNIQUE,
          full_name text NOT NULL,
          phone varchar(20),
          born date,
          joined_at timestamptz NOT NULL DEFAULT now(),
          left_at timestamptz,
          CHECK (left_at IS NULL OR left_at > joined_at)
        );
        CREATE TABLE note_authors (
          note_id bigint PRIMARY KEY REFERENCES notes (id),
          author_email text NOT NULL REFERENCES accounts (email)
        )`,
};

const FIXTURE_RULES = `
tables:
  accounts:
    id: { strategy: keep, why: a surrogate key }
    email: { strategy: email, why: "personal, unique, and note_authors joins on it" }
    full_name: { strategy: name, why: personal }
    phone: { strategy: phone, why: personal }
    born: { strategy: date-shift, maxDays: 60, why: personal }
    joined_at: { strategy: date-shift, maxDays: 60, why: identifying when combined }
    left_at: { strategy: date-shift, maxDays: 60, why: identifying when combined }
  note_authors:
    note_id: { strategy: keep, why: a surrogate key }
    author_email: { strategy: email, why: joins accounts.email }
`;

function withFixture(rules: MaskingRules): MaskingRules {
  return { tables: { ...rules.tables, ...parseRules(FIXTURE_RULES, "fixture").tables } };
}

const LONG = "x".repeat(100_000);

/**
 * Seeds awkward, production-shaped rows: slugs and emails that differ only in case, NULL phones,
 * dates and end dates, a 100,000-character body, a 300-character email, non-ASCII names, and
 * two hundred ordinary rows.
 */
async function seed(pool: Pool): Promise<void> {
  await pool.query(`INSERT INTO notes (slug, body, created_at) VALUES
      ('Hello', 'Call me on +44 20 7946 0018', '2019-03-01T10:00:00Z'),
      ('hello', 'lower-case twin', '2026-11-19T23:59:59Z'),
      ('${"s".repeat(2000)}', '${LONG}', '1970-01-01T00:00:00Z')`);
  await pool.query(`INSERT INTO notes (slug, body)
      SELECT 'note-' || i, 'body ' || i FROM generate_series(1, 200) AS i`);
  await pool.query(`INSERT INTO accounts (email, full_name, phone, born, joined_at, left_at) VALUES
      ('Ann.Lee@Example.com', 'Ann Lee', '+44 20 7946 0018', '1980-02-29', '2020-01-01T00:00:00Z', '2020-01-01T00:00:01Z'),
      ('ann.lee@example.com', 'Zoë Ångström-Ñúñez', NULL, NULL, '2021-06-30T12:00:00Z', NULL),
      ('${"a".repeat(288)}@example.org', '${"N".repeat(500)}', '', '2000-01-01', '2022-01-01T00:00:00Z', NULL)`);
  await pool.query(`INSERT INTO accounts (email, full_name, phone, born)
      SELECT 'person' || i || '@mail.example', 'Person ' || i, '+1 202 555 ' || lpad(i::text, 4, '0'), date '1990-01-01' + i
        FROM generate_series(1, 200) AS i`);
  await pool.query(`INSERT INTO note_authors (note_id, author_email)
      SELECT n.id, CASE WHEN n.slug = 'Hello' THEN 'Ann.Lee@Example.com'
                        WHEN n.slug = 'hello' THEN 'ann.lee@example.com'
                        ELSE 'person' || (n.id % 200 + 1) || '@mail.example' END
        FROM notes AS n`);
}

let pg: ReplicatedPostgres | undefined;
const pools: Pool[] = [];

function cluster(): ReplicatedPostgres {
  if (pg === undefined) throw new Error("PostgreSQL did not start");
  return pg;
}

/** A new database on the primary with the app's migrations (and `more`) applied. */
async function database(name: string, more: readonly Migration[] = []): Promise<Pool> {
  const admin = new Pool({ connectionString: cluster().primary.url() });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const pool = testPool(cluster().primary.url(name));
  pools.push(pool);
  await migrate(pool, [...MIGRATIONS, ...more]);
  return pool;
}

/** Every value of every column, as text, by `table.column`. */
async function snapshot(pool: Pool, tables: string[]): Promise<Record<string, (string | null)[]>> {
  const values: Record<string, (string | null)[]> = {};
  for (const table of tables) {
    // As JSON: dates and times as PostgreSQL prints them, whatever this process's time zone.
    const rows = await pool.query<{ row: Record<string, unknown> }>(
      `SELECT to_jsonb(t) AS row FROM ${table} AS t ORDER BY ${table === "note_authors" ? "note_id" : "id"}`,
    );
    for (const column of Object.keys(rows.rows[0]?.row ?? {})) {
      values[`${table}.${column}`] = rows.rows.map(({ row }) => {
        const value = row[column];
        return value === null ? null : typeof value === "string" ? value : JSON.stringify(value);
      });
    }
  }
  return values;
}

beforeAll(async () => {
  pg = await startReplicatedPostgres(100);
});

afterAll(async () => {
  try {
    await Promise.all(pools.map((pool) => pool.end()));
  } finally {
    await pg?.stop();
  }
});

describe("the masking rules against the schema the migrations create", () => {
  it("give every column of every table a decision", async () => {
    const pool = await database("covered");
    const client = await pool.connect();
    try {
      const schema = await readSchema(client);
      expect([...schema.tables.keys()].sort()).toEqual(Object.keys(loadRules().tables).sort());
      expect(planMasking(schema, loadRules()).map((masked) => masked.table.name)).toEqual([
        "notes",
      ]);
    } finally {
      client.release();
    }
  });

  it("refuse a new column without a decision and change nothing, so it cannot reach staging unmasked", async () => {
    const summary: Migration = {
      version: MIGRATIONS.length + 1,
      name: "notes.summary",
      sql: "ALTER TABLE notes ADD COLUMN summary text",
    };
    const pool = await database("uncovered", [summary]);
    await pool.query("INSERT INTO notes (slug, body) VALUES ('private', 'secret')");

    await expect(maskDatabase(pool, loadRules())).rejects.toThrow(
      new Error(
        [
          "Masking refused: 1 problem with the masking rules against the database's schema; nothing was changed.",
          "  - notes.summary has no masking decision: add keep (saying why) or a strategy for it",
        ].join("\n"),
      ),
    );
    expect((await pool.query("SELECT slug, body FROM notes")).rows).toEqual([
      { slug: "private", body: "secret" },
    ]);
  });
});

describe("masking production-shaped data with its awkward rows", () => {
  const tables = ["notes", "accounts", "note_authors"];
  let pool: Pool;
  let before: Record<string, (string | null)[]>;
  let after: Record<string, (string | null)[]>;
  const rules = withFixture(loadRules());
  const joined =
    "SELECT n.id AS note, a.id AS account FROM note_authors na JOIN notes n ON n.id = na.note_id JOIN accounts a ON a.email = na.author_email ORDER BY n.id";
  let joinsBefore: unknown[];

  beforeAll(async () => {
    pool = await database("masked", [PEOPLE]);
    await seed(pool);
    before = await snapshot(pool, tables);
    joinsBefore = (await pool.query(joined)).rows;
    await maskDatabase(pool, rules);
    after = await snapshot(pool, tables);
  });

  /** Masked columns by strategy group: dates move per row, other values are replaced outright. */
  const maskedColumns = (dates: boolean) =>
    Object.entries(rules.tables).flatMap(([table, columns]) =>
      Object.entries(columns)
        .filter(([, d]) => d.strategy !== "keep" && (d.strategy === "date-shift") === dates)
        .map(([column]) => `${table}.${column}`),
    );

  it("leaves no original value of a masked column anywhere in that column", () => {
    const survivors = maskedColumns(false).flatMap((column) => {
      const now = new Set(after[column]);
      return (before[column] ?? []).flatMap((value) =>
        value !== null && now.has(value) ? [`${column}: ${value.slice(0, 40)}`] : [],
      );
    });

    expect(maskedColumns(false)).toHaveLength(6);
    expect(survivors).toEqual([]);
  });

  it("leaves no row with its original date in a shifted column", () => {
    const kept = maskedColumns(true).flatMap((column) =>
      (before[column] ?? []).flatMap((value, i) =>
        value !== null && after[column]?.[i] === value ? [`${column} row ${i}`] : [],
      ),
    );

    expect(maskedColumns(true)).toHaveLength(4);
    expect(kept).toEqual([]);
  });

  it("keeps unkept columns' values and every NULL where it was", () => {
    const nulls = (values: (string | null)[] | undefined) =>
      (values ?? []).map((value) => value === null);
    for (const column of Object.keys(before)) {
      expect([column, nulls(after[column])]).toEqual([column, nulls(before[column])]);
    }
    expect(after["notes.id"]).toEqual(before["notes.id"]);
    expect(after["accounts.id"]).toEqual(before["accounts.id"]);
  });

  it("writes well-formed fake values", () => {
    const values = (column: string) => (after[column] ?? []).filter((v) => v !== null);
    expect(
      values("accounts.email").every((v) => /^user-[0-9a-f]{16}@example\.invalid$/.test(v)),
    ).toBe(true);
    expect(values("accounts.full_name").every((v) => /^[A-Z][a-z]{3} [A-Z][a-z]{5}$/.test(v))).toBe(
      true,
    );
    expect(values("accounts.phone").every((v) => /^\+1555[0-9]{7}$/.test(v))).toBe(true);
    expect(new Set(values("notes.body"))).toEqual(new Set(["(masked note)"]));
  });

  it("keeps unique columns unique, even values that differed only in case", async () => {
    const distinct = await pool.query<{ slugs: number; emails: number }>(
      "SELECT (SELECT count(DISTINCT lower(slug)) FROM notes)::int AS slugs, (SELECT count(DISTINCT lower(email)) FROM accounts)::int AS emails",
    );
    expect(distinct.rows[0]).toEqual({
      slugs: before["notes.slug"]?.length,
      emails: before["accounts.email"]?.length,
    });
  });

  it("keeps every join: each note finds the same author through the masked email", async () => {
    expect((await pool.query(joined)).rows).toEqual(joinsBefore);
    expect(joinsBefore).toHaveLength(203);
  });

  it("shifts a row's dates together, within the range, never by zero, so CHECK (left_at > joined_at) holds", () => {
    const days = (column: string, i: number) =>
      (Date.parse(after[column]?.[i] ?? "") - Date.parse(before[column]?.[i] ?? "")) / 86_400_000;
    const rows = (before["accounts.joined_at"] ?? []).map((_, i) => i);
    const shifts = rows.map((i) => days("accounts.joined_at", i));
    expect(shifts.every((d) => d !== 0 && Math.abs(d) <= 60)).toBe(true);
    expect(days("accounts.left_at", 0)).toBe(shifts[0]);
    expect(days("accounts.born", 0)).toBe(shifts[0]);
    expect(new Set(shifts).size).toBeGreaterThan(10);
  });

  it("leaves a database that passes every constraint when it is validated again", async () => {
    const constraints = await pool.query<{ table: string; name: string }>(
      "SELECT conrelid::regclass::text AS table, conname AS name FROM pg_constraint WHERE contype IN ('f', 'c') AND connamespace = 'public'::regnamespace ORDER BY 1, 2",
    );
    expect(constraints.rows.length).toBeGreaterThanOrEqual(3);
    // A copy of each constraint, added to the masked table, checks every row again.
    for (const [i, { table, name }] of constraints.rows.entries()) {
      const definition = await pool.query<{ def: string }>(
        "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1",
        [name],
      );
      await pool.query(
        `ALTER TABLE ${table} ADD CONSTRAINT recheck_${i} ${definition.rows[0]?.def ?? ""}`,
      );
    }
  });

  it("passes the reference app's functional checks", async () => {
    const reader = testPool(cluster().replica.url("masked"));
    pools.push(reader);
    const app = await startApp({
      writer: pool,
      reader,
      readStrategy: "read-your-writes",
      releaseId: "r9",
    });
    try {
      const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
        execFile(
          process.execPath,
          [BIN, "verify", app.url, "--release", "r9", "--migration", String(MIGRATIONS.length + 1)],
          { encoding: "utf8" },
          (error, stdout) => {
            resolve({ code: error === null ? 0 : Number(error.code), stdout });
          },
        );
      });
      const note = await fetch(`${app.url}/notes/${before["notes.id"]?.[0] ?? ""}`);

      // Every check the suite has (it grows); none fails.
      expect(run.stdout).toMatch(
        /\n\d+ passed, 0 failed, \d+ skipped: the environment conforms\.\n$/,
      );
      expect(run.code).toBe(0);
      expect(note.status).toBe(200);
      expect(await note.json()).toMatchObject({ body: "(masked note)" });
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe("the masking's verification", () => {
  it("refuses to commit when a masked value equals another row's original, and changes nothing", async () => {
    const pool = await database("collision", [PEOPLE]);
    const salt = "fixed-salt-for-this-test";
    const digest = createHash("sha256").update(`${salt}+44 20 7946 0018`).digest();
    const number = ((digest[0] ?? 0) * 65536 + (digest[1] ?? 0) * 256 + (digest[2] ?? 0)) % 1e7;
    const fake = `+1555${String(number).padStart(7, "0")}`;
    await pool.query(
      "INSERT INTO accounts (email, full_name, phone) VALUES ('a@example.com', 'A', '+44 20 7946 0018'), ('b@example.com', 'B', $1)",
      [fake],
    );

    await expect(maskDatabase(pool, withFixture(loadRules()), salt)).rejects.toThrow(
      new Error(
        [
          "Masking failed its verification and was rolled back; nothing was changed.",
          "NOT MASKED accounts.phone (phone): 2 rows, 1 unmasked",
        ].join("\n"),
      ),
    );
    expect((await pool.query("SELECT email, phone FROM accounts ORDER BY id")).rows).toEqual([
      { email: "a@example.com", phone: "+44 20 7946 0018" },
      { email: "b@example.com", phone: fake },
    ]);
  });
});
