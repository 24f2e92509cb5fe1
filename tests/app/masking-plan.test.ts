import type { Column, Schema, Table } from "../../app/src/masking/catalog";
import { planMasking } from "../../app/src/masking/plan";
import type { Decision, MaskingRules } from "../../app/src/masking/rules";

const column = (name: string, more: Partial<Column> = {}): Column => ({
  name,
  kind: "text",
  type: "text",
  notNull: false,
  maxLength: undefined,
  ...more,
});

/** accounts (id, email UNIQUE, phone varchar(10), born date) and orders → accounts by email. */
function schema(): Schema {
  const accounts: Table = {
    name: "accounts",
    columns: [
      column("id", { kind: "other", type: "bigint", notNull: true }),
      column("email", { notNull: true }),
      column("phone", { type: "character varying(10)", maxLength: 10 }),
      column("born", { kind: "date", type: "date" }),
      column("joined", { kind: "timestamp", type: "timestamp with time zone" }),
    ],
    primaryKey: ["id"],
    uniqueColumns: new Set(["id", "email"]),
  };
  const orders: Table = {
    name: "orders",
    columns: [column("id", { kind: "other", type: "bigint", notNull: true }), column("email")],
    primaryKey: ["id"],
    uniqueColumns: new Set(["id"]),
  };
  return {
    tables: new Map([
      ["accounts", accounts],
      ["orders", orders],
    ]),
    foreignKeys: [
      {
        name: "orders_email_fkey",
        table: "orders",
        columns: ["email"],
        refTable: "accounts",
        refColumns: ["email"],
      },
    ],
  };
}

const keep: Decision = { strategy: "keep", why: "a key" };

/** Rules that fit {@link schema}, with `changes` on top. */
function rules(changes: Record<string, Record<string, Decision>> = {}): MaskingRules {
  const base: Record<string, Record<string, Decision>> = {
    accounts: {
      id: keep,
      email: { strategy: "email", why: "personal" },
      phone: { strategy: "null", why: "personal" },
      born: { strategy: "date-shift", maxDays: 30, why: "personal" },
      joined: { strategy: "date-shift", maxDays: 30, why: "personal" },
    },
    orders: { id: keep, email: { strategy: "email", why: "joins accounts" } },
  };
  for (const [table, columns] of Object.entries(changes))
    base[table] = { ...base[table], ...columns };
  return { tables: base };
}

describe("planMasking", () => {
  it("masks the columns the rules mask, table by table, and keeps the rest", () => {
    const plan = planMasking(schema(), rules());
    expect(
      plan.map((t) => [
        t.table.name,
        t.columns.map((c) => `${c.column.name}:${c.decision.strategy}`),
      ]),
    ).toEqual([
      ["accounts", ["email:email", "phone:null", "born:date-shift", "joined:date-shift"]],
      ["orders", ["email:email"]],
    ]);
  });

  it.each([
    [
      "a column without a decision",
      { tables: { ...rules().tables, orders: { id: keep } } },
      "orders.email has no masking decision: add keep (saying why) or a strategy for it",
    ],
    [
      "a decision for a column that does not exist",
      rules({ orders: { total: keep } }),
      "orders.total has a decision but no such column exists: remove the rule",
    ],
    [
      "a fake email in a date column",
      rules({ accounts: { born: { strategy: "email", why: "x" } } }),
      "accounts.born is date: email applies to text columns only",
    ],
    [
      "null in a NOT NULL column",
      rules({
        accounts: { email: { strategy: "null", why: "x" } },
        orders: { email: { strategy: "null", why: "x" } },
      }),
      "accounts.email is NOT NULL: null cannot apply; choose a fake value or fixed",
    ],
    [
      "a fixed value in a unique column",
      rules({
        accounts: { email: { strategy: "fixed", value: "x", why: "x" } },
        orders: { email: { strategy: "fixed", value: "x", why: "x" } },
      }),
      [
        "accounts.email is in a unique index: fixed would repeat values; use hash or email, or keep it",
        "orders.email references accounts.email (orders_email_fkey): both need one strategy that keeps joins (keep, hash, email, name, phone or null), not fixed and fixed",
      ],
    ],
    [
      "a value longer than the column",
      rules({ accounts: { phone: { strategy: "phone", why: "x" } } }),
      "accounts.phone is character varying(10): phone writes 12 characters",
    ],
    [
      "a masked primary key",
      rules({ orders: { id: { strategy: "fixed", value: 1, why: "x" } } }),
      [
        "orders.id is in a unique index: fixed would repeat values; use hash or email, or keep it",
        "orders.id is in the primary key of orders: keep it (masked rows are paired with their originals by primary key)",
      ],
    ],
    [
      "a join whose two sides are masked differently",
      rules({ orders: { email: { strategy: "hash", why: "x" } } }),
      "orders.email references accounts.email (orders_email_fkey): both need one strategy that keeps joins (keep, hash, email, name, phone or null), not hash and email",
    ],
  ])("refuses %s, naming the column and the fix", (_case, given, found) => {
    const problems = typeof found === "string" ? [found] : found;
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    expect(() => planMasking(schema(), given)).toThrow(
      new Error(
        [
          `Masking refused: ${count} with the masking rules against the database's schema; nothing was changed.`,
          ...problems.map((problem) => `  - ${problem}`),
        ].join("\n"),
      ),
    );
  });

  it("refuses a table without a primary key once it masks a column, and two date ranges in one table", () => {
    const s = schema();
    const accounts = s.tables.get("accounts") as Table;
    const noKey = new Map([...s.tables, ["accounts", { ...accounts, primaryKey: [] }]]);
    const twoRanges = rules({
      accounts: { born: { strategy: "date-shift", maxDays: 7, why: "x" } },
    });
    expect(() => planMasking({ ...s, tables: noKey }, rules())).toThrow(
      "accounts has masked columns but no primary key: masked rows are paired with their originals by primary key",
    );
    expect(() => planMasking(s, twoRanges)).toThrow(
      "accounts shifts dates by different maxDays (7, 30): a row's dates move together, so give them one range",
    );
  });
});
