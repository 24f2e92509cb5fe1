import { Pool } from "pg";
import { migrate, MIGRATIONS, schemaVersion, type Migration } from "../../app/src/migrations";
import type { PostCheck } from "../../app/src/post-checks";
import { startReplicatedPostgres, testPool, type ReplicatedPostgres } from "../helpers/postgres";

let pg: ReplicatedPostgres | undefined;
const pools: Pool[] = [];
let databases = 0;

/** A new database with the app's migrations and six seeded notes. */
async function seeded(): Promise<Pool> {
  if (pg === undefined) throw new Error("PostgreSQL did not start");
  const name = `post_checks_${++databases}`;
  const admin = new Pool({ connectionString: pg.primary.url() });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const pool = testPool(pg.primary.url(name));
  pools.push(pool);
  await migrate(pool);
  await pool.query(
    "INSERT INTO notes (slug, body) SELECT 'note-' || i, 'body ' || i FROM generate_series(1, 6) AS i",
  );
  return pool;
}

const next = (sql: string, postChecks: PostCheck[]): Migration => ({
  version: MIGRATIONS.length + 1,
  name: "the release's data change",
  sql,
  postChecks,
});

beforeAll(async () => {
  pg = await startReplicatedPostgres(0);
});

afterAll(async () => {
  try {
    await Promise.all(pools.map((pool) => pool.end()));
  } finally {
    await pg?.stop();
  }
});

describe("post-migration checks on seeded data", () => {
  it.each([
    [
      "a column the release requires, left NULL by a backfill that missed rows",
      "ALTER TABLE notes ADD COLUMN summary text; UPDATE notes SET summary = body WHERE id <= 2",
      { kind: "no-null", table: "notes", column: "summary" } as const,
      "no NULL in notes.summary: 4 rows hold NULL",
    ],
    [
      "a migration that loses rows",
      "DELETE FROM notes WHERE id > 4",
      { kind: "row-count-preserved", table: "notes" } as const,
      "notes keeps its row count: 6 rows before the migration, 4 after",
    ],
    [
      "a foreign key added NOT VALID over rows that reference nothing",
      `CREATE TABLE note_tags (id bigserial PRIMARY KEY, note_id bigint);
       INSERT INTO note_tags (note_id) SELECT id + 1000 FROM notes WHERE id > 3;
       ALTER TABLE note_tags ADD CONSTRAINT note_tags_note_id_fkey FOREIGN KEY (note_id) REFERENCES notes (id) NOT VALID`,
      { kind: "foreign-keys-resolve", table: "note_tags" } as const,
      "every foreign key of note_tags resolves: 3 rows reference no notes row (note_tags_note_id_fkey)",
    ],
  ])("refuse %s, naming the check, and change nothing", async (_case, sql, check, failure) => {
    const pool = await seeded();

    await expect(migrate(pool, [...MIGRATIONS, next(sql, [check])])).rejects.toThrow(
      new Error(
        [
          `Migration ${MIGRATIONS.length + 1} "the release's data change" refused: 1 of its post-checks failed.`,
          `  - ${failure}`,
          "Nothing was changed. Fix: make the migration leave the data these checks expect (a backfill, a corrected statement), then run it again.",
        ].join("\n"),
      ),
    );
    expect(await schemaVersion(pool)).toBe(MIGRATIONS.length);
    const tables = await pool.query<{ rows: number; columns: number; tags: boolean }>(
      "SELECT (SELECT count(*) FROM notes)::int AS rows, (SELECT count(*) FROM information_schema.columns WHERE table_name = 'notes')::int AS columns, to_regclass('note_tags') IS NOT NULL AS tags",
    );
    expect(tables.rows[0]).toEqual({ rows: 6, columns: 4, tags: false });
  });

  it("let a migration whose data meets its checks commit, and report each check that passed", async () => {
    const pool = await seeded();
    const heard: string[] = [];
    const checks: PostCheck[] = [
      { kind: "no-null", table: "notes", column: "summary" },
      { kind: "row-count-preserved", table: "notes" },
      { kind: "foreign-keys-resolve", table: "notes" },
    ];

    const result = await migrate(
      pool,
      [
        ...MIGRATIONS,
        next("ALTER TABLE notes ADD COLUMN summary text; UPDATE notes SET summary = body", checks),
      ],
      undefined,
      (line) => heard.push(line),
    );

    expect(result.version).toBe(MIGRATIONS.length + 1);
    expect(heard).toEqual([
      `migration ${MIGRATIONS.length + 1}: post-check passed: no NULL in notes.summary`,
      `migration ${MIGRATIONS.length + 1}: post-check passed: notes keeps its row count`,
      `migration ${MIGRATIONS.length + 1}: post-check passed: every foreign key of notes resolves`,
    ]);
  });
});
