import type { Comparison, SchemaParityReport } from "./check";

/**
 * GitHub refuses an issue or comment body over 65,536 characters; the markdown stops listing
 * differences well before, leaving room for what a workflow wraps around it.
 */
export const MARKDOWN_LIMIT = 60_000;

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? "" : "s"}`;

const total = (report: SchemaParityReport): number =>
  report.comparisons.reduce((sum, c) => sum + c.differences.length, 0);

/** The verdict in one line, first in every rendering. */
export function verdict(report: SchemaParityReport): string {
  const compared = report.sides.map((s) => s.label).join(", ");
  if (report.ok) {
    return `schema parity: MATCH: ${compared} agree (${count(report.comparisons.length, "comparison")}).`;
  }
  const per = report.comparisons
    .filter((c) => c.differences.length > 0)
    .map((c) => `${c.left} vs ${c.right}: ${c.differences.length}`)
    .join("; ");
  return `schema parity: DRIFT: ${count(total(report), "difference")} (${per}).`;
}

const sideLine = (s: SchemaParityReport["sides"][number]): string =>
  `${s.label}: version ${s.version}, ${count(s.objects, "object")}, PostgreSQL ${s.server}`;

const comparisonTitle = (c: Comparison): string =>
  `${c.left} vs ${c.right}: ${c.differences.length === 0 ? "identical" : count(c.differences.length, "difference")}`;

/** Text for people: the verdict, what was read, then every difference. */
export function renderText(report: SchemaParityReport): string {
  const lines = [
    verdict(report),
    "",
    ...report.sides.map((s) => `  ${sideLine(s)}`),
    ...report.notes.map((note) => `  ${note}`),
  ];
  for (const comparison of report.comparisons) {
    lines.push("", comparisonTitle(comparison));
    for (const d of comparison.differences) lines.push(`  ${d.object}: ${d.what}`);
  }
  return `${lines.join("\n")}\n`;
}

const code = (value: string): string => `\`${value.replaceAll("`", "'")}\``;

/** Markdown for a job summary or an issue: the verdict, then each comparison folded. */
export function renderMarkdown(report: SchemaParityReport): string {
  const out = [
    `### ${report.ok ? "Schemas match" : "Schema drift"}`,
    "",
    verdict(report),
    "",
    ...report.sides.map((s) => `- ${sideLine(s)}`),
    ...report.notes.map((note) => `- ${note}`),
  ];
  let length = out.join("\n").length;
  let omitted = 0;
  for (const comparison of report.comparisons) {
    const block = [
      "",
      `<details${comparison.differences.length > 0 ? " open" : ""}><summary>${comparisonTitle(comparison)}</summary>`,
      "",
    ];
    for (const d of comparison.differences) {
      const line = `- ${code(d.object)}: ${d.what}`;
      if (length + line.length > MARKDOWN_LIMIT) {
        omitted++;
        continue;
      }
      length += line.length + 1;
      block.push(line);
    }
    block.push("", "</details>");
    out.push(...block);
  }
  if (omitted > 0) out.push("", `${count(omitted, "more difference")} in the run's log (--json).`);
  return `${out.join("\n")}\n`;
}

/** The report for machines: stable key order, one document. */
export function renderJson(report: SchemaParityReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
