import path from "node:path";
import { functionsCalled, loadSqlParser, scanSqlText, type SqlScan } from "../helpers/sql-text";
import { AURORA_UNSUPPORTED_FUNCTIONS } from "./aurora-unsupported-functions";

const APP_SOURCES = path.join(__dirname, "..", "..", "app", "src");

/** `where: function` for every call to a function Aurora refuses. */
function unsupportedCalls(scan: SqlScan): string[] {
  return scan.statements.flatMap(({ where, sql }) =>
    functionsCalled(sql)
      .filter((name) => AURORA_UNSUPPORTED_FUNCTIONS.includes(name))
      .map((name) => `${where}: ${name}`),
  );
}

/**
 * Modules that build SQL from the table and column names the catalog or a migration's post-checks
 * give, each quoted through app/src/sql-identifier.ts, with values as parameters; what they build
 * runs on PostgreSQL in tests/app/masking.test.ts and tests/app/post-checks.test.ts.
 */
const GENERATED_SQL = ["foreign-keys.ts", "masking/mask.ts", "post-checks.ts"];

let scan: SqlScan;

beforeAll(async () => {
  await loadSqlParser();
  scan = scanSqlText(APP_SOURCES);
});

describe("the SQL the app sends", () => {
  it("is constant text: no SQL is built from template substitutions outside the modules that generate it from names", () => {
    expect(
      scan.builtSql.filter((where) => !GENERATED_SQL.includes(where.split(":")[0] ?? "")),
    ).toEqual([]);
  });

  it("parses as PostgreSQL, statement by statement", () => {
    const invalid = scan.statements.flatMap(({ where, sql }) => {
      try {
        functionsCalled(sql);
        return [];
      } catch (error) {
        return [`${where}: ${error instanceof Error ? error.message : String(error)}`];
      }
    });

    expect(invalid).toEqual([]);
  });

  it("calls exactly these functions, so a new one is seen in review", () => {
    const used = new Set(scan.statements.flatMap(({ sql }) => functionsCalled(sql)));

    expect([...used].sort()).toEqual([
      "convert_to",
      "count",
      "current_database",
      "current_schema",
      "current_setting",
      "encode",
      "format_type",
      "get_byte",
      "initcap",
      "left",
      "lpad",
      "max",
      "now",
      "pg_advisory_lock",
      "pg_advisory_unlock",
      "pg_get_constraintdef",
      "pg_get_expr",
      "pg_get_function_identity_arguments",
      "pg_get_functiondef",
      "pg_get_indexdef",
      "pg_get_partkeydef",
      "pg_get_triggerdef",
      "pg_get_viewdef",
      "quote_literal",
      "sha256",
      "string_agg",
      "substr",
      "to_regclass",
      "unnest",
    ]);
  });

  it("calls no function Aurora PostgreSQL refuses", () => {
    expect(unsupportedCalls(scan)).toEqual([]);
  });

  it("names no function Aurora refuses in any string, SQL-looking or not", () => {
    const names = new RegExp(`\\b(${AURORA_UNSUPPORTED_FUNCTIONS.join("|")})\\b`, "i");

    expect(scan.strings.filter(({ sql }) => names.test(sql)).map(({ where }) => where)).toEqual([]);
  });
});

describe("the Aurora function check", () => {
  it("flags the WAL-position query the app used before, with file and line", () => {
    const old: SqlScan = {
      statements: [
        { where: "server.ts:125", sql: "SELECT pg_current_wal_lsn()::text AS lsn" },
        { where: "reads.ts:42", sql: "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught_up" },
      ],
      strings: [],
      builtSql: [],
    };

    expect(unsupportedCalls(old)).toEqual([
      "server.ts:125: pg_current_wal_lsn",
      "reads.ts:42: pg_last_wal_replay_lsn",
    ]);
  });

  it.each([
    [
      "a schema-qualified call",
      "SELECT pg_catalog.pg_last_xact_replay_timestamp()",
      "pg_last_xact_replay_timestamp",
    ],
    ["a call inside a subquery", "SELECT 1 WHERE EXISTS (SELECT PG_SWITCH_WAL())", "pg_switch_wal"],
    [
      "a call inside a SQL function's body",
      "CREATE FUNCTION pg_temp.lsn() RETURNS text LANGUAGE sql AS $$SELECT pg_current_wal_lsn()::text$$",
      "pg_current_wal_lsn",
    ],
  ])("finds %s", (_case, sql, name) => {
    expect(functionsCalled(sql)).toContain(name);
  });

  it("refuses text that is not PostgreSQL, with the parser's message", () => {
    expect(() => functionsCalled("SELEC 1")).toThrow('syntax error at or near "SELEC"');
  });
});
