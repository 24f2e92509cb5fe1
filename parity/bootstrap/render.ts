import { cell } from "../render/markdown-cell";
import { countByType, plural } from "../render/values";
import type { BootstrapReport } from "./report";

function verdict(report: BootstrapReport): string {
  return report.holds
    ? `Bootstrap holds: ${plural(report.rules.length, "rule")} checked, no finding.`
    : `Bootstrap broken: ${plural(report.findings.length, "finding")} (${[...new Set(report.findings.map((f) => f.rule))].join(", ")}).`;
}

/** The bootstrap section of `parity plan`'s text output: its resources, each rule, each finding. */
export function renderBootstrapText(report: BootstrapReport): string[] {
  const lines = [
    `Bootstrap (bootstrap/, stack ${report.stack}): ${plural(report.resources.length, "resource")}`,
    ...countByType(report.resources).map(
      ([type, count]) => `  ${String(count).padStart(4)}  ${type}`,
    ),
  ];
  for (const rule of report.rules) {
    lines.push(`  ${rule.findings === 0 ? "✓" : "✗"} ${rule.rule}: ${rule.description}`);
    for (const f of report.findings.filter((finding) => finding.rule === rule.rule)) {
      lines.push(`      ✗ ${f.resource}: ${f.message}`);
    }
  }
  lines.push(verdict(report));
  return lines;
}

/** The bootstrap section of `parity plan`'s markdown: the rules, then each finding. */
export function renderBootstrapMarkdown(report: BootstrapReport): string[] {
  const out = [
    `### ${report.holds ? "✅" : "❌"} Bootstrap`,
    "",
    "| | Rule | What it guards | Findings |",
    "|---|---|---|---:|",
    ...report.rules.map(
      (r) =>
        `| ${r.findings === 0 ? "✅" : "❌"} | \`${r.rule}\` | ${cell(r.description)} | ${r.findings} |`,
    ),
  ];
  if (report.findings.length > 0) {
    out.push("", "| Rule | Resource | Finding |", "|---|---|---|");
    for (const f of report.findings) {
      out.push(`| \`${f.rule}\` | ${cell(f.resource)} | ${cell(f.message)} |`);
    }
  }
  out.push(
    "",
    `<details><summary>Bootstrap resources (stack ${cell(report.stack)}, ${plural(report.resources.length, "resource")})</summary>`,
    "",
    "| Type | Count |",
    "|---|---:|",
    ...countByType(report.resources).map(([type, n]) => `| \`${type}\` | ${n} |`),
    "",
    "</details>",
    "",
    verdict(report),
  );
  return out;
}
