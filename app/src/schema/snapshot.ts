import type { ClientBase, Pool } from "pg";
import { z } from "zod";
import { isAwsManagedExtension, isAwsManagedSchema } from "./aws-managed";

/** The kinds of schema object a snapshot holds, in the order a snapshot lists them. */
export const OBJECT_KINDS = [
  "schema",
  "extension",
  "type",
  "table",
  "column",
  "constraint",
  "index",
  "view",
  "sequence",
  "function",
  "trigger",
] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/** One property of an object as the catalogs give it; null when it has none (no default). */
export type Property = string | boolean | null;

/** One schema object: its kind, its qualified name and what defines it. */
export interface SchemaObject {
  readonly kind: ObjectKind;
  /** Schema-qualified: `public.notes`, `public.notes.slug` (a column), `public.notes.notes_pkey`. */
  readonly name: string;
  readonly properties: Readonly<Record<string, Property>>;
}

/** One row of the migration-history table. */
export interface AppliedMigration {
  readonly version: number;
  readonly name: string;
}

/** A database's schema, canonical and ordered: two snapshots are equal exactly when their JSON is. */
export interface SchemaSnapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  /** The database's name (not compared: staging's and production's may differ). */
  readonly database: string;
  /** `server_version` and its major number, which decides how the catalogs print definitions. */
  readonly server: { readonly version: string; readonly major: number };
  readonly objects: readonly SchemaObject[];
  /** The migration-history table's rows by version; null when the database has no such table. */
  readonly migrations: readonly AppliedMigration[] | null;
}

export const SNAPSHOT_FORMAT = "parity-schema/1";

/** The table `migrate` (app/src/migrations.ts) records applied versions in. */
export const HISTORY_TABLE = "schema_migrations";

const propertySchema = z.union([z.string(), z.boolean(), z.null()]);

/** A snapshot read back from JSON (a file another run wrote). */
export const snapshotSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  database: z.string(),
  server: z.strictObject({ version: z.string(), major: z.number().int() }),
  objects: z.array(
    z.strictObject({
      kind: z.enum(OBJECT_KINDS),
      name: z.string(),
      properties: z.record(z.string(), propertySchema),
    }),
  ),
  migrations: z.array(z.strictObject({ version: z.number().int(), name: z.string() })).nullable(),
});

type Row = Record<string, unknown>;
type Reader = (rows: Row[]) => SchemaObject[];

/** A catalog value the queries return as text (names, definitions) or a number. */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
const str = (value: unknown): string => text(value) ?? "";

function typeProperties(r: Row): Record<string, Property> {
  if (r.type === "e") return { enum: text(r.labels) };
  if (r.type === "d") {
    return { domain: text(r.base), notNull: r.not_null === true, default: text(r.default_value) };
  }
  return { composite: text(r.attributes) };
}
const bool = (value: unknown): boolean => value === true;

/**
 * The catalog queries, one per kind. Every query leaves out the system schemas (pg_catalog,
 * information_schema, pg_toast, temporary schemas) and objects that belong to an extension (the
 * extension itself is listed); owners and privileges are left out too, since the environments'
 * roles differ by design. Only functions Aurora PostgreSQL supports are called
 * (tests/app/sql-functions.test.ts checks every query of app/src).
 */
const QUERIES: readonly { readonly sql: string; readonly read: Reader }[] = [
  {
    sql: `SELECT n.nspname AS schema FROM pg_catalog.pg_namespace n
          WHERE n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                            WHERE d.classid = 'pg_catalog.pg_namespace'::regclass
                              AND d.objid = n.oid AND d.deptype = 'e')`,
    read: (rows) => rows.map((r) => ({ kind: "schema", name: str(r.schema), properties: {} })),
  },
  {
    sql: `SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema
          FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace`,
    read: (rows) =>
      rows
        .filter((r) => !isAwsManagedExtension(str(r.name)))
        .map((r) => ({
          kind: "extension",
          name: str(r.name),
          properties: { version: text(r.version), schema: text(r.schema) },
        })),
  },
  {
    sql: `SELECT n.nspname AS schema, t.typname AS name, t.typtype AS type,
                 (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                  FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) AS labels,
                 CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base,
                 t.typnotnull AS not_null, t.typdefault AS default_value,
                 (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                  FROM pg_catalog.pg_attribute a
                  WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0
                    AND NOT a.attisdropped) AS attributes
          FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
          WHERE n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
            AND (t.typtype IN ('e', 'd')
                 OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c'))
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                            WHERE d.classid = 'pg_catalog.pg_type'::regclass
                              AND d.objid = t.oid AND d.deptype = 'e')`,
    read: (rows) =>
      rows.map((r) => ({
        kind: "type",
        name: `${str(r.schema)}.${str(r.name)}`,
        properties: typeProperties(r),
      })),
  },
  {
    sql: `SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind,
                 c.relpersistence AS persistence, c.relrowsecurity AS row_security,
                 CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key
          FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'p', 'f')
            AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                            WHERE d.classid = 'pg_catalog.pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')`,
    read: (rows) =>
      rows.map((r) => ({
        kind: "table",
        name: `${str(r.schema)}.${str(r.name)}`,
        properties: {
          kind: r.kind === "p" ? "partitioned" : r.kind === "f" ? "foreign" : "ordinary",
          unlogged: r.persistence === "u",
          rowSecurity: bool(r.row_security),
          partitionKey: text(r.partition_key),
        },
      })),
  },
  {
    sql: `SELECT n.nspname AS schema, c.relname AS "table", a.attname AS name,
                 format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
                 pg_get_expr(ad.adbin, ad.adrelid) AS default_value,
                 a.attidentity AS identity, a.attgenerated AS generated,
                 CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
          LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
          LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
          WHERE c.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped
            AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                            WHERE d.classid = 'pg_catalog.pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')`,
    read: (rows) =>
      rows.map((r) => {
        const generated = r.generated === "s" ? "stored" : r.generated === "v" ? "virtual" : null;
        return {
          kind: "column",
          name: `${str(r.schema)}.${str(r.table)}.${str(r.name)}`,
          properties: {
            type: text(r.type),
            nullable: !bool(r.not_null),
            // A generated column's expression is its definition, not a default.
            default: generated === null ? text(r.default_value) : null,
            generated: generated === null ? null : `${generated}: ${text(r.default_value) ?? ""}`,
            identity: r.identity === "a" ? "always" : r.identity === "d" ? "by default" : null,
            collation: text(r.collation),
          },
        };
      }),
  },
  {
    // Table and domain constraints; a NOT NULL constraint (contype 'n', catalogued from
    // PostgreSQL 18 on) is the column's nullability, already compared.
    sql: `SELECT n.nspname AS schema, COALESCE(c.relname, t.typname) AS owner, k.conname AS name,
                 k.contype AS type, pg_get_constraintdef(k.oid, true) AS definition,
                 k.convalidated AS validated
          FROM pg_catalog.pg_constraint k
          JOIN pg_catalog.pg_namespace n ON n.oid = k.connamespace
          LEFT JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
          LEFT JOIN pg_catalog.pg_type t ON t.oid = k.contypid
          WHERE k.contype <> 'n' AND (k.conrelid <> 0 OR k.contypid <> 0)
            AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                            WHERE d.classid = 'pg_catalog.pg_class'::regclass
                              AND d.objid = k.conrelid AND d.deptype = 'e')`,
    read: (rows) =>
      rows.map((r) => ({
        kind: "constraint",
        name: `${str(r.schema)}.${str(r.owner)}.${str(r.name)}`,
        properties: { definition: text(r.definition), validated: bool(r.validated) },
      })),
  },
  {
    sql: `SELECT n.nspname AS schema, i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition,
                 x.indisvalid AS valid
          FROM pg_catalog.pg_index x
          JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = i.relnamespace
          WHERE n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                            WHERE d.classid = 'pg_catalog.pg_class'::regclass
                              AND d.objid = x.indrelid AND d.deptype = 'e')`,
    read: (rows) =>
      rows.map((r) => ({
        kind: "index",
        name: `${str(r.schema)}.${str(r.name)}`,
        properties: { definition: text(r.definition), valid: bool(r.valid) },
      })),
  },
  {
    sql: `SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind,
                 pg_get_viewdef(c.oid, true) AS definition
          FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('v', 'm')
            AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                            WHERE d.classid = 'pg_catalog.pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')`,
    read: (rows) =>
      rows.map((r) => ({
        kind: "view",
        name: `${str(r.schema)}.${str(r.name)}`,
        properties: { materialized: r.kind === "m", definition: text(r.definition) },
      })),
  },
  {
    sql: `SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type,
                 s.seqstart::text AS start, s.seqincrement::text AS increment,
                 s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache,
                 s.seqcycle AS cycle
          FROM pg_catalog.pg_sequence s
          JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                            WHERE d.classid = 'pg_catalog.pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')`,
    read: (rows) =>
      rows.map((r) => ({
        kind: "sequence",
        name: `${str(r.schema)}.${str(r.name)}`,
        properties: {
          type: text(r.type),
          start: text(r.start),
          increment: text(r.increment),
          min: text(r.min),
          max: text(r.max),
          cache: text(r.cache),
          cycle: bool(r.cycle),
        },
      })),
  },
  {
    // Aggregates and window functions have no CREATE FUNCTION text: their identity is listed.
    sql: `SELECT n.nspname AS schema, p.proname AS name,
                 pg_get_function_identity_arguments(p.oid) AS arguments, p.prokind AS kind,
                 CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) END AS definition
          FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                            WHERE d.classid = 'pg_catalog.pg_proc'::regclass
                              AND d.objid = p.oid AND d.deptype = 'e')`,
    read: (rows) =>
      rows.map((r) => ({
        kind: "function",
        name: `${str(r.schema)}.${str(r.name)}(${str(r.arguments)})`,
        properties: {
          kind:
            r.kind === "p"
              ? "procedure"
              : r.kind === "a"
                ? "aggregate"
                : r.kind === "w"
                  ? "window"
                  : "function",
          definition: text(r.definition),
        },
      })),
  },
  {
    sql: `SELECT n.nspname AS schema, c.relname AS "table", g.tgname AS name,
                 pg_get_triggerdef(g.oid, true) AS definition, g.tgenabled AS enabled
          FROM pg_catalog.pg_trigger g
          JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE NOT g.tgisinternal
            AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'`,
    read: (rows) =>
      rows.map((r) => ({
        kind: "trigger",
        name: `${str(r.schema)}.${str(r.table)}.${str(r.name)}`,
        properties: { definition: text(r.definition), enabled: text(r.enabled) },
      })),
  },
];

/** Leaves out the objects of the schemas AWS manages (src/schema/aws-managed.ts). */
function outsideAwsSchemas(object: SchemaObject): boolean {
  if (object.kind === "extension") return true;
  const schema = object.kind === "schema" ? object.name : (object.name.split(".")[0] ?? "");
  return !isAwsManagedSchema(schema);
}

const kindOrder = (kind: ObjectKind): number => OBJECT_KINDS.indexOf(kind);

/** Objects in canonical order: by kind, then by name (code-point order, whatever the locale). */
export function canonicalOrder(objects: readonly SchemaObject[]): SchemaObject[] {
  return [...objects].sort(
    (a, b) =>
      kindOrder(a.kind) - kindOrder(b.kind) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

async function appliedMigrations(client: ClientBase): Promise<AppliedMigration[] | null> {
  const present = await client.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  if (present.rows[0]?.present !== true) return null;
  const rows = await client.query<{ version: number; name: string }>(
    "SELECT version, name FROM schema_migrations ORDER BY version",
  );
  return rows.rows.map((r) => ({ version: r.version, name: r.name }));
}

/**
 * Reads the schema of the database `pool` connects to, in one read-only transaction (one
 * consistent view of the catalogs), into a canonical snapshot.
 */
export async function readSchema(pool: Pool): Promise<SchemaSnapshot> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const server = await client.query<{ database: string; version: string; number: string }>(
      "SELECT current_database() AS database, current_setting('server_version') AS version, current_setting('server_version_num') AS number",
    );
    const objects: SchemaObject[] = [];
    for (const query of QUERIES) {
      const result = await client.query<Row>(query.sql);
      objects.push(...query.read(result.rows));
    }
    const migrations = await appliedMigrations(client);
    await client.query("COMMIT");
    const row = server.rows[0];
    return {
      format: SNAPSHOT_FORMAT,
      database: row?.database ?? "",
      server: { version: row?.version ?? "", major: Math.floor(Number(row?.number ?? 0) / 10_000) },
      objects: canonicalOrder(objects.filter(outsideAwsSchemas)),
      migrations,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The version a database records (the highest applied; 0 with none or no history table). */
export function recordedVersion(snapshot: SchemaSnapshot): number {
  return Math.max(0, ...(snapshot.migrations ?? []).map((m) => m.version));
}
