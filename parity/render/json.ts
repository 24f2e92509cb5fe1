import type { ParityReport } from "../check/report";

/**
 * The report as JSON for machines: `{verdict, stacks: {<name>: {source, resources}}, pairs,
 * findings: [{kind, resource, property, a, b, rule, stacks}], notes}`. A value one stack does not
 * set is `null`, so every finding has both `a` and `b`.
 */
export function renderJson(report: ParityReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) => value ?? null, 2)}\n`;
}
