import type { Column, Schema, Table } from "./catalog";
import type { Decision, MaskingRules } from "./rules";
import { STRATEGIES } from "./strategies";

/** One masked column of a table and its decision. */
export interface MaskedColumn {
  readonly column: Column;
  readonly decision: Exclude<Decision, { strategy: "keep" }>;
}

/** A table with at least one masked column. */
export interface MaskedTable {
  readonly table: Table;
  readonly columns: readonly MaskedColumn[];
}

/** Thrown before any change when the rules do not fit the schema; lists every problem. */
export class MaskingRefused extends Error {
  override readonly name = "MaskingRefused";
  constructor(readonly problems: readonly string[]) {
    super(
      [
        `Masking refused: ${problems.length === 1 ? "1 problem" : `${problems.length} problems`} with the masking rules against the database's schema; nothing was changed.`,
        ...problems.map((problem) => `  - ${problem}`),
      ].join("\n"),
    );
  }
}

function columnProblems(table: Table, column: Column, decision: Decision): string[] {
  const where = `${table.name}.${column.name}`;
  const traits = STRATEGIES[decision.strategy];
  const problems: string[] = [];
  if (traits.kinds !== "any" && !traits.kinds.includes(column.kind))
    problems.push(
      `${where} is ${column.type}: ${decision.strategy} applies to ${traits.kinds.join(" and ")} columns only`,
    );
  if (decision.strategy === "null" && column.notNull)
    problems.push(`${where} is NOT NULL: null cannot apply; choose a fake value or fixed`);
  if (!traits.keepsDistinct && table.uniqueColumns.has(column.name))
    problems.push(
      `${where} is in a unique index: ${decision.strategy} would repeat values; use hash or email, or keep it`,
    );
  const length = traits.length?.(decision);
  if (length !== undefined && column.maxLength !== undefined && length > column.maxLength)
    problems.push(`${where} is ${column.type}: ${decision.strategy} writes ${length} characters`);
  if (decision.strategy !== "keep" && table.primaryKey.includes(column.name))
    problems.push(
      `${where} is in the primary key of ${table.name}: keep it (masked rows are paired with their originals by primary key)`,
    );
  return problems;
}

function tableProblems(table: Table, masked: readonly MaskedColumn[]): string[] {
  const problems: string[] = [];
  if (masked.length > 0 && table.primaryKey.length === 0)
    problems.push(
      `${table.name} has masked columns but no primary key: masked rows are paired with their originals by primary key`,
    );
  const ranges = new Set(
    masked.flatMap(({ decision }) =>
      decision.strategy === "date-shift" ? [decision.maxDays] : [],
    ),
  );
  if (ranges.size > 1)
    problems.push(
      `${table.name} shifts dates by different maxDays (${[...ranges].join(", ")}): a row's dates move together, so give them one range`,
    );
  return problems;
}

/**
 * Checks the rules against the schema and returns the tables to mask. Every column needs a
 * decision and every decision a column; a strategy must fit its column's type, NOT NULL, unique
 * indexes, length and foreign keys, so the masked copy still satisfies every constraint.
 * Throws {@link MaskingRefused} listing every problem.
 */
export function planMasking(schema: Schema, rules: MaskingRules): MaskedTable[] {
  const problems: string[] = [];
  const plan: MaskedTable[] = [];
  const decisionOf = (table: string, column: string): Decision | undefined =>
    rules.tables[table]?.[column];
  for (const table of schema.tables.values()) {
    const masked: MaskedColumn[] = [];
    for (const column of table.columns) {
      const decision = decisionOf(table.name, column.name);
      if (decision === undefined) {
        problems.push(
          `${table.name}.${column.name} has no masking decision: add keep (saying why) or a strategy for it`,
        );
        continue;
      }
      problems.push(...columnProblems(table, column, decision));
      if (decision.strategy !== "keep") masked.push({ column, decision });
    }
    problems.push(...tableProblems(table, masked));
    if (masked.length > 0) plan.push({ table, columns: masked });
  }
  for (const [table, columns] of Object.entries(rules.tables)) {
    for (const column of Object.keys(columns)) {
      const exists = schema.tables.get(table)?.columns.some((c) => c.name === column) === true;
      if (!exists)
        problems.push(
          `${table}.${column} has a decision but no such column exists: remove the rule`,
        );
    }
  }
  for (const key of schema.foreignKeys) {
    key.columns.forEach((column, i) => {
      const refColumn = key.refColumns[i] ?? "";
      const [mine, theirs] = [
        decisionOf(key.table, column)?.strategy,
        decisionOf(key.refTable, refColumn)?.strategy,
      ];
      if (mine === undefined || theirs === undefined) return;
      if (mine !== theirs || !STRATEGIES[mine].keepsJoins)
        problems.push(
          `${key.table}.${column} references ${key.refTable}.${refColumn} (${key.name}): both need one strategy that keeps joins (keep, hash, email, name, phone or null), not ${mine} and ${theirs}`,
        );
    });
  }
  if (problems.length > 0) throw new MaskingRefused(problems);
  return plan;
}
