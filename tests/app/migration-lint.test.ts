import { loadModule } from "libpg-query";
import { MIGRATIONS } from "../../app/src/migrations";
import { lintMigrations, MIGRATION_RULES, type LintedMigration } from "../helpers/migration-lint";

beforeAll(async () => {
  await loadModule();
});

const TABLE = "CREATE TABLE notes (id bigserial PRIMARY KEY, slug text NOT NULL, body text)";
const TIMEOUT = "SET LOCAL lock_timeout = '5s';";

function migration(sql: string, reviewed?: LintedMigration["reviewed"]): LintedMigration {
  return { version: 4, name: "change notes", sql, ...(reviewed === undefined ? {} : { reviewed }) };
}

describe("the migration lint", () => {
  it("passes every migration of the app, overrides included", () => {
    expect(lintMigrations(MIGRATIONS)).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    ["a lock without lock_timeout", "ALTER TABLE notes ADD COLUMN title text", ["lock-timeout"]],
    [
      "a blocking index build",
      `${TIMEOUT} CREATE INDEX notes_body ON notes (body)`,
      ["index-concurrently"],
    ],
    [
      "a NOT NULL column without a default",
      `${TIMEOUT} ALTER TABLE notes ADD COLUMN title text NOT NULL`,
      ["not-null-without-default"],
    ],
    [
      "SET NOT NULL",
      `${TIMEOUT} ALTER TABLE notes ALTER COLUMN body SET NOT NULL`,
      ["set-not-null"],
    ],
    [
      "a UNIQUE constraint",
      `${TIMEOUT} ALTER TABLE notes ADD CONSTRAINT u UNIQUE (body)`,
      ["unique-constraint"],
    ],
    [
      "a validated CHECK",
      `${TIMEOUT} ALTER TABLE notes ADD CONSTRAINT c CHECK (id > 0)`,
      ["constraint-not-valid"],
    ],
    [
      "a dropped column the previous release reads",
      `${TIMEOUT} ALTER TABLE notes DROP COLUMN body`,
      ["drop"],
    ],
    ["a renamed column", `${TIMEOUT} ALTER TABLE notes RENAME COLUMN body TO text`, ["rename"]],
    ["a dropped table, without lock_timeout", "DROP TABLE notes", ["drop", "lock-timeout"]],
  ])("refuses %s, naming the rule", (_what, sql, rules) => {
    const findings = lintMigrations([migration(sql)]);
    expect(findings.map((f) => f.rule).sort()).toEqual(rules);
  });

  it.each([
    ["a NOT VALID CHECK", `${TIMEOUT} ALTER TABLE notes ADD CONSTRAINT c CHECK (id > 0) NOT VALID`],
    ["a concurrent index", "CREATE INDEX CONCURRENTLY notes_body ON notes (body)"],
    ["a nullable column", `${TIMEOUT} ALTER TABLE notes ADD COLUMN title text`],
    [
      "anything on a table the migration creates",
      `${TABLE}; CREATE INDEX i ON notes (body); ALTER TABLE notes ADD CONSTRAINT u UNIQUE (body)`,
    ],
  ])("accepts %s", (_what, sql) => {
    expect(lintMigrations([migration(sql)])).toEqual([]);
  });

  it("says what the rule protects and how to allow it once reviewed", () => {
    expect(lintMigrations([migration(`${TIMEOUT} ALTER TABLE notes DROP COLUMN body`)])).toEqual([
      {
        version: 4,
        rule: "drop",
        message: `Migration 4 "change notes" breaks rule drop: ${MIGRATION_RULES.drop}; or, once reviewed, allow it with reviewed: [{ rule: "drop", reason: "…" }].`,
      },
    ]);
  });

  it("lets a reviewed override with a reason allow its rule, and refuses one that allows nothing", () => {
    const sql = `${TIMEOUT} ALTER TABLE notes DROP COLUMN body`;
    expect(
      lintMigrations([
        migration(sql, [{ rule: "drop", reason: "no release reads body since 12" }]),
      ]),
    ).toEqual([]);
    expect(
      lintMigrations([migration(sql, [{ rule: "drop", reason: " " }])]).map((f) => f.rule),
    ).toEqual(["drop"]);
    expect(
      lintMigrations([
        migration(`${TIMEOUT} ALTER TABLE notes ADD COLUMN t text`, [
          { rule: "drop", reason: "old" },
        ]),
      ]).map((f) => f.message),
    ).toEqual([
      'Migration 4 "change notes" allows rule drop, which it does not break: remove the override.',
    ]);
  });
});
