import type { PoolClient } from "pg";
import { danglingRows, foreignKeys } from "./foreign-keys";
import { quoteIdent } from "./sql-identifier";

/**
 * What must hold of the data once a migration has run, checked in the migration's own
 * transaction before it commits: on the rehearsal's clone of production's data first.
 */
export type PostCheck =
  /** The column the release now requires holds no NULL (a backfill that missed rows). */
  | { readonly kind: "no-null"; readonly table: string; readonly column: string }
  /** The migration neither lost nor added rows of the table. */
  | { readonly kind: "row-count-preserved"; readonly table: string }
  /** Every foreign key of the table, NOT VALID ones included, finds the row it names. */
  | { readonly kind: "foreign-keys-resolve"; readonly table: string };

/** The check as the report names it. */
export function postCheckName(check: PostCheck): string {
  switch (check.kind) {
    case "no-null":
      return `no NULL in ${check.table}.${check.column}`;
    case "row-count-preserved":
      return `${check.table} keeps its row count`;
    case "foreign-keys-resolve":
      return `every foreign key of ${check.table} resolves`;
  }
}

/** A post-check that failed, and what it found. */
export interface PostCheckFailure {
  readonly check: PostCheck;
  readonly found: string;
}

type Client = Pick<PoolClient, "query">;

async function rowCount(client: Client, table: string): Promise<number> {
  const found = await client.query<{ rows: number }>(
    `SELECT count(*)::int AS rows FROM ${quoteIdent(table)}`,
  );
  return found.rows[0]?.rows ?? 0;
}

/** What the checks compare with, read before the migration runs: row counts by table. */
export async function beforeMigration(
  client: Client,
  checks: readonly PostCheck[],
): Promise<ReadonlyMap<string, number>> {
  const counts = new Map<string, number>();
  for (const check of checks) {
    if (check.kind === "row-count-preserved")
      counts.set(check.table, await rowCount(client, check.table));
  }
  return counts;
}

async function failureOf(
  client: Client,
  check: PostCheck,
  before: ReadonlyMap<string, number>,
): Promise<string | undefined> {
  switch (check.kind) {
    case "no-null": {
      const found = await client.query<{ rows: number }>(
        `SELECT count(*)::int AS rows FROM ${quoteIdent(check.table)} WHERE ${quoteIdent(check.column)} IS NULL`,
      );
      const rows = found.rows[0]?.rows ?? 0;
      return rows === 0 ? undefined : `${rows} rows hold NULL`;
    }
    case "row-count-preserved": {
      const [was, is] = [before.get(check.table) ?? 0, await rowCount(client, check.table)];
      return was === is ? undefined : `${was} rows before the migration, ${is} after`;
    }
    case "foreign-keys-resolve": {
      const keys = (await foreignKeys(client)).filter((key) => key.table === check.table);
      const broken: string[] = [];
      for (const key of keys) {
        const rows = await danglingRows(client, key);
        if (rows > 0) broken.push(`${rows} rows reference no ${key.refTable} row (${key.name})`);
      }
      return broken.length === 0 ? undefined : broken.join("; ");
    }
  }
}

/** Runs every check after the migration's SQL; the failures, in the order declared. */
export async function runPostChecks(
  client: Client,
  checks: readonly PostCheck[],
  before: ReadonlyMap<string, number>,
): Promise<PostCheckFailure[]> {
  const failures: PostCheckFailure[] = [];
  for (const check of checks) {
    const found = await failureOf(client, check, before);
    if (found !== undefined) failures.push({ check, found });
  }
  return failures;
}
