import { renderBootstrapMarkdown } from "../bootstrap/render";
import { renderBringUpMarkdown } from "../bringup/render";
import { renderCapacityMarkdown } from "../capacity/render";
import { renderPoliciesMarkdown } from "../policy/render";
import { renderVersionsMarkdown } from "../versions/render";
import type { ParityReport } from "../check/report";
import { GITHUB_BODY_LIMIT } from "./github";
import { cell } from "./markdown-cell";
import { renderTopology } from "./mermaid";
import { countByType, plural, showValue } from "./values";

function code(text: string): string {
  return text === "" ? "" : `\`${cell(text).replace(/`/g, "'")}\``;
}

interface Shown {
  readonly findings: number;
  readonly details: boolean;
}

function compose(report: ParityReport, shown: Shown): string {
  const out: string[] = [];
  out.push(
    report.verdict === "pass"
      ? "## ✅ Parity holds"
      : `## ❌ Parity broken: ${plural(report.findings.length, "unexplained difference")}`,
    "",
    "| Stacks | Verdict | Unexplained | Explained by knobs |",
    "|---|---|---:|---|",
  );
  for (const p of report.pairs) {
    const knobs = [...new Set(p.explained.map((e) => code(e.knob)))].join(", ");
    const verdict = p.verdict === "pass" ? "✅ pass" : "❌ fail";
    out.push(
      `| ${cell(`${p.a} ↔ ${p.b}`)} | ${verdict} | ${p.findings.length} | ${p.explained.length}${knobs === "" ? "" : ` (${knobs})`} |`,
    );
  }
  if (report.findings.length > 0) {
    out.push("", "### Findings", "", "| Stacks | Resource | Property | A | B | Rule |");
    out.push("|---|---|---|---|---|---|");
    for (const f of report.findings.slice(0, shown.findings)) {
      out.push(
        `| ${cell(f.stacks.join(" ↔ "))} | ${code(f.resource)} | ${code(f.property)} | ${code(showValue(f.a))} | ${code(showValue(f.b))} | ${cell(f.rule)} |`,
      );
    }
  }
  if (report.notes.length > 0) out.push("", ...report.notes.map((n) => `> ${cell(n)}`));
  if (report.bringUp !== undefined) out.push("", ...renderBringUpMarkdown(report.bringUp));
  if (report.versions !== undefined) out.push("", ...renderVersionsMarkdown(report.versions));
  if (report.policies !== undefined) out.push("", ...renderPoliciesMarkdown(report.policies));
  if (report.capacity !== undefined) out.push("", ...renderCapacityMarkdown(report.capacity));
  if (report.bootstrap !== undefined) out.push("", ...renderBootstrapMarkdown(report.bootstrap));
  const cut = shown.findings < report.findings.length || !shown.details;
  if (cut) {
    out.push(
      "",
      `> ⚠️ Cut to fit GitHub's ${GITHUB_BODY_LIMIT.toLocaleString("en")}-character comment limit: ` +
        `${Math.min(shown.findings, report.findings.length)} of ${report.findings.length} findings shown, ` +
        "stack summaries and topology left out. `parity plan --json FILE` has everything.",
    );
  }
  if (shown.details) {
    const explained = report.pairs.flatMap((p) => p.explained.map((e) => ({ ...e, p })));
    if (explained.length > 0) {
      out.push("", "<details><summary>Differences explained by declared knobs</summary>", "");
      out.push("| Stacks | Resource | Property | A | B | Knob |", "|---|---|---|---|---|---|");
      for (const e of explained) {
        out.push(
          `| ${cell(`${e.p.a} ↔ ${e.p.b}`)} | ${code(e.resource)} | ${code(e.property)} | ${code(showValue(e.a))} | ${code(showValue(e.b))} | ${code(e.knob)} |`,
        );
      }
      out.push("", "</details>");
    }
    out.push("", "### Stacks", "", "| Stack | Source | Resources | Most common types |");
    out.push("|---|---|---:|---|");
    for (const [name, stack] of Object.entries(report.stacks)) {
      const types = countByType(stack.resources)
        .slice(0, 3)
        .map(([type, n]) => `${code(type)} ×${n}`)
        .join(", ");
      out.push(`| ${cell(name)} | ${cell(stack.source)} | ${stack.resources.length} | ${types} |`);
    }
    const [first] = Object.entries(report.stacks);
    if (first !== undefined) {
      out.push("", `### Topology (${cell(first[0])})`, "", "```mermaid");
      out.push(renderTopology(first[1].resources), "```");
    }
  }
  return `${out.join("\n")}\n`;
}

/**
 * The report as a PR comment or job summary: the verdict first, a table per pair, the findings,
 * then the explained differences, each stack's summary and a Mermaid diagram of the topology.
 * Longer than `limit`, it keeps the verdict and as many findings as fit, and says it was cut.
 */
export function renderMarkdown(report: ParityReport, limit = GITHUB_BODY_LIMIT): string {
  const full = compose(report, { findings: report.findings.length, details: true });
  if (full.length <= limit) return full;
  let low = 0;
  let high = report.findings.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (compose(report, { findings: mid, details: false }).length <= limit) low = mid;
    else high = mid - 1;
  }
  return compose(report, { findings: low, details: false });
}
