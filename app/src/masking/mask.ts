import { randomBytes } from "node:crypto";
import type { Pool, PoolClient } from "pg";
import { danglingRows } from "../foreign-keys";
import { quoteIdent } from "../sql-identifier";
import { readSchema } from "./catalog";
import { planMasking, type MaskedColumn, type MaskedTable } from "./plan";
import type { MaskingRules } from "./rules";
import { FAKE_FUNCTIONS, MASKING_FUNCTIONS, STRATEGIES } from "./strategies";

/** What one rule's verification found: rows whose value is not masked as the rule says. */
export interface RuleResult {
  readonly column: string;
  readonly strategy: string;
  readonly rows: number;
  readonly unmasked: number;
}

/** A foreign key's rows that reference nothing, before and after masking. */
export interface ForeignKeyResult {
  readonly name: string;
  readonly before: number;
  readonly after: number;
}

export interface MaskingReport {
  readonly rules: readonly RuleResult[];
  readonly foreignKeys: readonly ForeignKeyResult[];
}

/** The report as the masking run prints it, one line per rule and foreign key. */
export function renderReport(report: MaskingReport): string[] {
  return [
    ...report.rules.map(
      (r) =>
        `${r.unmasked === 0 ? "masked" : "NOT MASKED"} ${r.column} (${r.strategy}): ${r.rows} rows, ${r.unmasked} unmasked`,
    ),
    ...report.foreignKeys.map(
      (k) =>
        `${k.after === k.before ? "joins hold" : "JOINS BROKEN"} ${k.name}: ${k.after} rows reference nothing (${k.before} before masking)`,
    ),
  ];
}

/** Thrown when the verification finds an unmasked value or a broken join; nothing was changed. */
export class MaskingFailed extends Error {
  override readonly name = "MaskingFailed";
  constructor(readonly report: MaskingReport) {
    super(
      [
        "Masking failed its verification and was rolled back; nothing was changed.",
        ...renderReport(report).filter((line) => /^(NOT MASKED|JOINS BROKEN)/.test(line)),
      ].join("\n"),
    );
  }
}

/** One statement's parameters; the salt is one of them once a strategy needs it. */
class Params {
  readonly values: unknown[] = [];
  private saltParam: string | undefined;
  /** `saltValue`: the run's salt, for statements that mask (verifications need none). */
  constructor(private readonly saltValue?: string) {}
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  salt(): string {
    if (this.saltValue === undefined) throw new Error("a statement without the salt needs it");
    this.saltParam ??= this.add(this.saltValue);
    return this.saltParam;
  }
}

/** The table holding a masked table's original values, for the verification. */
const originalsOf = (index: number) => quoteIdent(`masking_originals_${index}`);

/** Columns whose verification compares with the original value (all but `null`). */
const compared = (masked: MaskedTable) =>
  masked.columns.filter(({ decision }) => decision.strategy !== "null");

function maskedValue(masked: MaskedColumn, rowKey: string, params: Params): string {
  const column = quoteIdent(masked.column.name);
  const { decision } = masked;
  switch (decision.strategy) {
    case "null":
      return "NULL";
    case "fixed":
      return `CASE WHEN ${column} IS NULL THEN ${column} ELSE ${params.add(decision.value)} END`;
    case "date-shift": {
      const days = `pg_temp.shift_days(${params.salt()}, ${rowKey}, ${params.add(decision.maxDays)})`;
      return masked.column.kind === "date"
        ? `${column} + ${days}`
        : `${column} + make_interval(days => ${days})`;
    }
    default:
      return `${FAKE_FUNCTIONS[decision.strategy] ?? ""}(${params.salt()}, ${column}::text)`;
  }
}

/** A condition true for a row whose value the rule did not mask (m: masked row, o: original). */
function unmaskedCondition(masked: MaskedColumn, originals: string, params: Params): string {
  const name = quoteIdent(masked.column.name);
  const [now, was] = [`m.${name}`, `o.${name}`];
  const nullness = `(${now} IS NULL) <> (${was} IS NULL)`;
  const { decision } = masked;
  switch (decision.strategy) {
    case "null":
      return `${now} IS NOT NULL`;
    case "fixed":
      return `${nullness} OR ${now} <> ${params.add(decision.value)}`;
    case "date-shift": {
      const range = `make_interval(days => ${params.add(decision.maxDays)})`;
      return `${nullness} OR ${now} = ${was} OR ${now} NOT BETWEEN ${was} - ${range} AND ${was} + ${range}`;
    }
    default:
      return `${nullness} OR ${now}::text !~ ${params.add(STRATEGIES[decision.strategy].pattern)}
        OR ${now}::text IN (SELECT x.${name}::text FROM ${originals} AS x WHERE x.${name} IS NOT NULL)`;
  }
}

async function mask(client: PoolClient, plan: readonly MaskedTable[], salt: string) {
  for (const [i, masked] of plan.entries()) {
    const kept = [...masked.table.primaryKey, ...compared(masked).map((m) => m.column.name)];
    await client.query(
      `CREATE TEMPORARY TABLE ${originalsOf(i)} ON COMMIT DROP AS SELECT ${kept.map(quoteIdent).join(", ")} FROM ${quoteIdent(masked.table.name)}`,
    );
  }
  // Foreign-key triggers would check each row against values the same statement has not masked
  // yet; every foreign key is checked after masking instead. Unique, NOT NULL and CHECK
  // constraints are enforced as the rows change.
  await client.query("SET LOCAL session_replication_role = replica");
  for (const masked of plan) {
    const params = new Params(salt);
    const rowKey = `ROW(${masked.table.primaryKey.map(quoteIdent).join(", ")})::text`;
    const assignments = masked.columns.map(
      (m) => `${quoteIdent(m.column.name)} = ${maskedValue(m, rowKey, params)}`,
    );
    await client.query(
      `UPDATE ${quoteIdent(masked.table.name)} SET ${assignments.join(", ")}`,
      params.values,
    );
  }
  await client.query("SET LOCAL session_replication_role = origin");
}

async function verify(client: PoolClient, plan: readonly MaskedTable[]): Promise<RuleResult[]> {
  const results: RuleResult[] = [];
  for (const [i, masked] of plan.entries()) {
    const pairs = masked.table.primaryKey
      .map((key) => `m.${quoteIdent(key)} = o.${quoteIdent(key)}`)
      .join(" AND ");
    for (const column of masked.columns) {
      const params = new Params();
      const found = await client.query<{ rows: number; unmasked: number }>(
        `SELECT count(*)::int AS rows, (count(*) FILTER (WHERE ${unmaskedCondition(column, originalsOf(i), params)}))::int AS unmasked
           FROM ${quoteIdent(masked.table.name)} AS m JOIN ${originalsOf(i)} AS o ON ${pairs}`,
        params.values,
      );
      results.push({
        column: `${masked.table.name}.${column.column.name}`,
        strategy: column.decision.strategy,
        rows: found.rows[0]?.rows ?? 0,
        unmasked: found.rows[0]?.unmasked ?? 0,
      });
    }
  }
  return results;
}

/**
 * Masks the database `pool` connects to, as `rules` say, in one transaction: checks the rules
 * against the schema (refusing any column without a decision), keeps the originals of the masked
 * columns in temporary tables, replaces the values, then verifies each rule (no unmasked value
 * remains) and every foreign key (no join lost) before it commits; a failed verification rolls
 * everything back. Afterwards VACUUM FULL rewrites each masked table and its indexes and ANALYZE
 * replaces their statistics, so no dead row version or most-common-value list keeps an original
 * value. The salt is random and never stored: nobody can recompute a masked value from a guess.
 */
export async function maskDatabase(
  pool: Pool,
  rules: MaskingRules,
  salt = randomBytes(32).toString("hex"),
): Promise<MaskingReport> {
  const client = await pool.connect();
  let report: MaskingReport;
  let plan: MaskedTable[];
  try {
    await client.query("BEGIN");
    try {
      const schema = await readSchema(client);
      plan = planMasking(schema, rules);
      for (const definition of MASKING_FUNCTIONS) await client.query(definition);
      const before = new Map<string, number>();
      for (const key of schema.foreignKeys) before.set(key.name, await danglingRows(client, key));
      await mask(client, plan, salt);
      const results = await verify(client, plan);
      const keys: ForeignKeyResult[] = [];
      for (const key of schema.foreignKeys) {
        const after = await danglingRows(client, key);
        keys.push({ name: key.name, before: before.get(key.name) ?? 0, after });
      }
      report = { rules: results, foreignKeys: keys };
      if (results.some((r) => r.unmasked > 0) || keys.some((k) => k.after !== k.before))
        throw new MaskingFailed(report);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
    for (const masked of plan)
      await client.query(`VACUUM (FULL, ANALYZE) ${quoteIdent(masked.table.name)}`);
    return report;
  } finally {
    // The session's temporary functions go with it.
    client.release(true);
  }
}
