import type { PoolClient } from "pg";
import { quoteIdent } from "./sql-identifier";

/** A foreign key of a table in the app's schema, validated or NOT VALID. */
export interface ForeignKey {
  readonly name: string;
  readonly table: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
}

const FOREIGN_KEYS_SQL = `SELECT con.conname::text AS name, child.relname::text AS table, parent.relname::text AS ref_table,
    ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
    ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS ref_columns
  FROM pg_constraint con
  JOIN pg_class child ON child.oid = con.conrelid
  JOIN pg_class parent ON parent.oid = con.confrelid
  JOIN pg_namespace ns ON ns.oid = child.relnamespace
  WHERE con.contype = 'f' AND ns.nspname = current_schema()
  ORDER BY child.relname, con.conname`;

/** Every foreign key of the tables in the current schema. */
export async function foreignKeys(client: Pick<PoolClient, "query">): Promise<ForeignKey[]> {
  const found = await client.query<{
    name: string;
    table: string;
    ref_table: string;
    columns: string[];
    ref_columns: string[];
  }>(FOREIGN_KEYS_SQL);
  return found.rows.map((row) => ({
    name: row.name,
    table: row.table,
    columns: row.columns,
    refTable: row.ref_table,
    refColumns: row.ref_columns,
  }));
}

/**
 * How many rows of the key's table reference no row of the table it names (a row with a NULL in
 * any of the key's columns references nothing, as MATCH SIMPLE says).
 */
export async function danglingRows(
  client: Pick<PoolClient, "query">,
  key: ForeignKey,
): Promise<number> {
  const child = (column: string) => `child.${quoteIdent(column)}`;
  const matches = key.columns.map(
    (column, i) => `parent.${quoteIdent(key.refColumns[i] ?? "")} = ${child(column)}`,
  );
  const found = await client.query<{ rows: number }>(
    `SELECT count(*)::int AS rows FROM ${quoteIdent(key.table)} AS child
      WHERE ${key.columns.map((column) => `${child(column)} IS NOT NULL`).join(" AND ")}
        AND NOT EXISTS (SELECT FROM ${quoteIdent(key.refTable)} AS parent WHERE ${matches.join(" AND ")})`,
  );
  return found.rows[0]?.rows ?? 0;
}
