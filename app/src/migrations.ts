import type { Pool, PoolClient } from "pg";
import {
  beforeMigration,
  postCheckName,
  runPostChecks,
  type PostCheck,
  type PostCheckFailure,
} from "./post-checks";

/**
 * Counts the rows that would violate what a migration adds, so it can refuse before it changes
 * anything instead of failing half-way on live data.
 */
export interface PreCheck {
  /** What is being checked, for the report: "duplicate notes.slug values". */
  readonly description: string;
  /** Returns one row per violating group: `value` (text) and `rows` (how many rows share it). */
  readonly violationsSql: string;
  /** How to fix the data so the migration can run. */
  readonly fix: string;
}

/**
 * A rule of the migration lint (tests/helpers/migration-lint.ts) this migration breaks on purpose,
 * and why that is safe: written by its author, approved in review.
 */
export interface ReviewedOverride {
  readonly rule: string;
  readonly reason: string;
}

/** One schema change. Versions are consecutive integers; a migration runs in one transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly preCheck?: PreCheck;
  /**
   * What must hold of the data after the migration's SQL, checked before it commits; a failure
   * refuses the migration (on the rehearsal's clone of production's data first).
   */
  readonly postChecks?: readonly PostCheck[];
  /** Lint rules this migration may break, each with the reviewed reason. */
  readonly reviewed?: readonly ReviewedOverride[];
}

/** The schema of the reference app, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "create notes",
    sql: `CREATE TABLE notes (
            id bigserial PRIMARY KEY,
            slug text NOT NULL,
            body text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
          )`,
  },
  {
    version: 2,
    name: "notes.slug is unique",
    sql: `SET LOCAL lock_timeout = '5s';
          ALTER TABLE notes ADD CONSTRAINT notes_slug_key UNIQUE (slug)`,
    reviewed: [
      {
        rule: "unique-constraint",
        reason:
          "notes holds a few thousand short rows: the index builds in milliseconds under the lock, the rehearsal on production's data times it, and lock_timeout gives up rather than queue behind traffic",
      },
    ],
    preCheck: {
      description: "duplicate notes.slug values",
      violationsSql:
        "SELECT slug AS value, count(*)::int AS rows FROM notes GROUP BY slug HAVING count(*) > 1 ORDER BY count(*) DESC, slug",
      fix: "rename or delete the duplicate notes, then run the migration again",
    },
    postChecks: [{ kind: "row-count-preserved", table: "notes" }],
  },
  {
    version: 3,
    name: "write marker for read-your-writes",
    sql: `CREATE TABLE write_marks (
            id smallint PRIMARY KEY CHECK (id = 1),
            mark bigint NOT NULL
          );
          INSERT INTO write_marks (id, mark) VALUES (1, 0)`,
  },
];

/** How many example violations a refusal lists; the total is always reported. */
export const REPORTED_EXAMPLES = 5;

/** One value that violates a pre-check and how many rows share it. */
export interface Violation {
  readonly value: string;
  readonly rows: number;
}

/** Thrown when a pre-check finds violating rows; nothing of that migration was applied. */
export class MigrationRefused extends Error {
  override readonly name = "MigrationRefused";
  constructor(
    readonly migration: Migration,
    readonly violations: readonly Violation[],
  ) {
    super(refusalReport(migration, violations));
  }
}

/** The refusal as people read it: which migration, what was found, examples, the fix. */
export function refusalReport(migration: Migration, violations: readonly Violation[]): string {
  const check = migration.preCheck;
  const rows = violations.reduce((sum, v) => sum + v.rows, 0);
  const examples = violations
    .slice(0, REPORTED_EXAMPLES)
    .map((v) => `  - ${JSON.stringify(v.value)} (${v.rows} rows)`);
  const more =
    violations.length > REPORTED_EXAMPLES
      ? [`  - … and ${violations.length - REPORTED_EXAMPLES} more`]
      : [];
  return [
    `Migration ${migration.version} "${migration.name}" refused: ${violations.length} ${check?.description ?? "violations"} across ${rows} rows.`,
    ...examples,
    ...more,
    `Nothing was changed. Fix: ${check?.fix ?? "correct the data"}.`,
  ].join("\n");
}

/** Thrown when a post-check fails after a migration's SQL; the migration was rolled back. */
export class PostCheckFailed extends Error {
  override readonly name = "PostCheckFailed";
  constructor(
    readonly migration: Migration,
    readonly failures: readonly PostCheckFailure[],
  ) {
    super(
      [
        `Migration ${migration.version} "${migration.name}" refused: ${failures.length} of its post-checks failed.`,
        ...failures.map((f) => `  - ${postCheckName(f.check)}: ${f.found}`),
        "Nothing was changed. Fix: make the migration leave the data these checks expect (a backfill, a corrected statement), then run it again.",
      ].join("\n"),
    );
  }
}

/** The outcome of {@link migrate}. */
export interface MigrateResult {
  /** Versions applied by this run, in order. */
  readonly applied: readonly number[];
  /** The schema version after the run. */
  readonly version: number;
}

/** An arbitrary constant key so two tasks starting at once never run migrations together. */
const MIGRATION_LOCK = 7_310_842;

/**
 * Applies every migration newer than the database's version, up to `target` (default: all), each
 * in its own transaction after its pre-check and before its post-checks. Throws
 * {@link MigrationRefused} on violations and {@link PostCheckFailed} on failed post-checks; `log`
 * hears each post-check that passed.
 */
export async function migrate(
  pool: Pool,
  migrations: readonly Migration[] = MIGRATIONS,
  target = migrations.at(-1)?.version ?? 0,
  log: (line: string) => void = () => undefined,
): Promise<MigrateResult> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    let version = await currentVersion(client);
    const applied: number[] = [];
    for (const migration of migrations) {
      if (migration.version <= version || migration.version > target) continue;
      await applyOne(client, migration, log);
      applied.push(migration.version);
      version = migration.version;
    }
    return { applied, version };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

async function applyOne(
  client: PoolClient,
  migration: Migration,
  log: (line: string) => void,
): Promise<void> {
  await client.query("BEGIN");
  try {
    if (migration.preCheck !== undefined) {
      const found = await client.query<{ value: string; rows: number }>(
        migration.preCheck.violationsSql,
      );
      if (found.rows.length > 0) {
        throw new MigrationRefused(migration, found.rows);
      }
    }
    const postChecks = migration.postChecks ?? [];
    const before = await beforeMigration(client, postChecks);
    await client.query(migration.sql);
    const failures = await runPostChecks(client, postChecks, before);
    if (failures.length > 0) throw new PostCheckFailed(migration, failures);
    for (const check of postChecks) {
      log(`migration ${migration.version}: post-check passed: ${postCheckName(check)}`);
    }
    await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
      migration.version,
      migration.name,
    ]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

async function currentVersion(client: Pick<PoolClient, "query">): Promise<number> {
  const result = await client.query<{ version: number | null }>(
    "SELECT max(version) AS version FROM schema_migrations",
  );
  return result.rows[0]?.version ?? 0;
}

/** The schema version recorded in the database (0 before the first migration). */
export async function schemaVersion(pool: Pool): Promise<number> {
  const exists = await pool.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  if (exists.rows[0]?.present !== true) return 0;
  return currentVersion(pool);
}
