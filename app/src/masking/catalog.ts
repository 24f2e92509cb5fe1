import type { PoolClient } from "pg";
import { foreignKeys, type ForeignKey } from "../foreign-keys";

/** What a strategy may be applied to. */
export type ColumnKind = "text" | "date" | "timestamp" | "other";

/** One column of a table, as the catalog describes it. */
export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  /** The type as PostgreSQL prints it: `character varying(40)`. */
  readonly type: string;
  readonly notNull: boolean;
  /** The declared length of a `varchar(n)`/`char(n)`, else undefined. */
  readonly maxLength: number | undefined;
}

export interface Table {
  readonly name: string;
  readonly columns: readonly Column[];
  /** The primary key's columns; empty when the table has none. */
  readonly primaryKey: readonly string[];
  /** Columns some unique index reads (its key columns and those its expressions use). */
  readonly uniqueColumns: ReadonlySet<string>;
}

/** The tables of the current schema (the ones the migrations created) and their foreign keys. */
export interface Schema {
  readonly tables: ReadonlyMap<string, Table>;
  readonly foreignKeys: readonly ForeignKey[];
}

const COLUMNS_SQL = `SELECT c.relname::text AS table, a.attname::text AS column, a.attnotnull AS not_null,
    format_type(a.atttypid, a.atttypmod) AS type, t.typname::text AS base_type,
    CASE WHEN t.typname IN ('varchar', 'bpchar') AND a.atttypmod > 4 THEN a.atttypmod - 4 END AS max_length
  FROM pg_class c
  JOIN pg_namespace ns ON ns.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_type t ON t.oid = a.atttypid
  WHERE c.relkind IN ('r', 'p') AND ns.nspname = current_schema()
  ORDER BY c.relname, a.attnum`;

const UNIQUE_INDEXES_SQL = `SELECT c.relname::text AS table, i.indisprimary AS primary,
    ARRAY(SELECT a.attname::text FROM pg_attribute a
          WHERE a.attrelid = i.indrelid
            AND (a.attnum = ANY (i.indkey::int2[])
                 OR a.attnum IN (SELECT d.refobjsubid FROM pg_depend d
                                 WHERE d.classid = 'pg_class'::regclass AND d.objid = i.indexrelid
                                   AND d.refobjid = i.indrelid))
          ORDER BY a.attnum) AS columns
  FROM pg_index i
  JOIN pg_class c ON c.oid = i.indrelid
  JOIN pg_namespace ns ON ns.oid = c.relnamespace
  WHERE i.indisunique AND ns.nspname = current_schema()`;

const TEXT_TYPES = new Set(["text", "varchar", "bpchar", "citext"]);
const TIMESTAMP_TYPES = new Set(["timestamp", "timestamptz"]);

function kindOf(baseType: string): ColumnKind {
  if (TEXT_TYPES.has(baseType)) return "text";
  if (baseType === "date") return "date";
  return TIMESTAMP_TYPES.has(baseType) ? "timestamp" : "other";
}

/** Reads the current schema's tables, columns, keys and unique indexes from the catalog. */
export async function readSchema(client: Pick<PoolClient, "query">): Promise<Schema> {
  const columns = await client.query<{
    table: string;
    column: string;
    not_null: boolean;
    type: string;
    base_type: string;
    max_length: number | null;
  }>(COLUMNS_SQL);
  const indexes = await client.query<{ table: string; primary: boolean; columns: string[] }>(
    UNIQUE_INDEXES_SQL,
  );
  const tables = new Map<string, Table>();
  for (const row of columns.rows) {
    const table = tables.get(row.table) ?? {
      name: row.table,
      columns: [],
      primaryKey: [],
      uniqueColumns: new Set<string>(),
    };
    tables.set(row.table, {
      ...table,
      columns: [
        ...table.columns,
        {
          name: row.column,
          kind: kindOf(row.base_type),
          type: row.type,
          notNull: row.not_null,
          maxLength: row.max_length ?? undefined,
        },
      ],
    });
  }
  for (const index of indexes.rows) {
    const table = tables.get(index.table);
    if (table === undefined) continue;
    tables.set(index.table, {
      ...table,
      primaryKey: index.primary ? index.columns : table.primaryKey,
      uniqueColumns: new Set([...table.uniqueColumns, ...index.columns]),
    });
  }
  return { tables, foreignKeys: await foreignKeys(client) };
}
