import type { ParityReport } from "../check/report";
import { COMMENT_BUDGET } from "./github";
import { cell } from "./markdown-cell";
import { renderTopology } from "./mermaid";
import { overallVerdict, sectionsOf } from "./sections";
import type { PlanSection } from "./section";
import { countByType, plural, showValue } from "./values";

/** Where a report comes from, for the comment's footer (the CLI reads it from GitHub's env). */
export interface MarkdownContext {
  /** The commit the plan evaluated. */
  readonly commit?: string;
  /** The workflow run that made the report. */
  readonly runUrl?: string;
}

function code(text: string): string {
  return text === "" ? "" : `\`${cell(text).replace(/`/g, "'")}\``;
}

/** A long value cut in the middle, so both ends (often what differs) stay visible. */
function middleCut(text: string, max = 40): string {
  if (text.length <= max) return text;
  const half = Math.floor((max - 1) / 2);
  return `${text.slice(0, half)}…${text.slice(text.length - half)}`;
}

/**
 * Lines of markdown and the length of their text (each line with its line break), which take no
 * more lines once that is over `limit`: a comment cut to GitHub's limit never builds the whole
 * text of a report with 100,000 differences first.
 */
class BoundedLines {
  readonly lines: string[] = [];
  private length = 0;

  constructor(private readonly limit: number) {}

  /** Whether the text is longer than the limit (it then takes no more lines). */
  get over(): boolean {
    return this.length > this.limit;
  }

  push(...lines: readonly string[]): void {
    for (const line of lines) {
      if (this.over) return;
      this.lines.push(line);
      this.length += line.length + 1;
    }
  }
}

/**
 * The pairs, then the explained differences grouped per pair and knob; past `limit` characters
 * the rest is left out (the details then do not fit in any case).
 */
function parityDetails(report: ParityReport, limit: number): string[] {
  const out = new BoundedLines(limit);
  out.push("| Stacks | Verdict | Unexplained | Explained |", "|---|---|---:|---:|");
  for (const p of report.pairs) {
    out.push(
      `| ${cell(`${p.a} ↔ ${p.b}`)} | ${p.verdict === "pass" ? "✅ same" : "❌ differ"} | ${p.findings.length} | ${p.explained.length} |`,
    );
  }
  for (const p of report.pairs) {
    const byKnob = new Map<string, typeof p.explained>();
    for (const e of p.explained) byKnob.set(e.knob, [...(byKnob.get(e.knob) ?? []), e]);
    for (const [knob, explained] of byKnob) {
      out.push("", `**${cell(`${p.a} ↔ ${p.b}`)}, explained by ${code(knob)}**`, "");
      out.push(`| Resource | ${cell(p.a)} | ${cell(p.b)} |`, "|---|---|---|");
      for (const e of explained) {
        if (out.over) return out.lines;
        const where = e.property === "" ? e.resource : `${e.resource} ${e.property}`;
        out.push(
          `| ${code(middleCut(where, 60))} | ${code(middleCut(showValue(e.a)))} | ${code(middleCut(showValue(e.b)))} |`,
        );
      }
    }
  }
  if (report.notes.length > 0) out.push("", ...report.notes.map((n) => `> ${cell(n)}`));
  return out.lines;
}

/** The stacks and the topology: staging's, or on a failure the failing pair's first stack. */
function stacksDetails(report: ParityReport): string[] {
  const out = ["| Stack | Source | Resources | Most common types |", "|---|---|---:|---|"];
  for (const [name, stack] of Object.entries(report.stacks)) {
    const types = countByType(stack.resources)
      .slice(0, 3)
      .map(([type, n]) => `${code(type)} ×${n}`)
      .join(", ");
    out.push(`| ${cell(name)} | ${cell(stack.source)} | ${stack.resources.length} | ${types} |`);
  }
  const failing = report.pairs.find((p) => p.verdict === "fail");
  const name = failing?.a ?? Object.keys(report.stacks)[0];
  const stack = name === undefined ? undefined : report.stacks[name];
  if (name !== undefined && stack !== undefined) {
    const diverged = new Set(failing?.findings.map((f) => f.resource) ?? []);
    out.push(
      "",
      `Topology of ${cell(name)}, one node per component${diverged.size > 0 ? " (components with differences in red)" : ""}:`,
      "",
      "```mermaid",
      renderTopology(stack.resources, diverged),
      "```",
    );
  }
  return out;
}

function folded(title: string, body: readonly string[]): string[] {
  return ["", `<details><summary>${cell(title)}</summary>`, "", ...body, "", "</details>"];
}

interface Shown {
  readonly findings: number;
  readonly details: boolean;
}

/** The comment showing `shown`, or undefined when its text is longer than `limit`. */
function compose(
  report: ParityReport,
  sections: readonly PlanSection[],
  context: MarkdownContext,
  shown: Shown,
  limit: number,
): string | undefined {
  const ok = sections.every((s) => s.ok);
  const subject = sections.length > 1 ? "Plan" : "Parity";
  const out = new BoundedLines(limit);
  out.push(
    `## ${ok ? "✅" : "❌"} ${overallVerdict(sections, subject)}`,
    "",
    "| Check | | Result |",
    "|---|---|---|",
    ...sections.map((s) => `| ${s.title} | ${s.ok ? "✅" : "❌"} | ${cell(s.summary)} |`),
  );
  const findings = sections.flatMap((s) => s.findings.map((f) => ({ s, f })));
  if (findings.length > 0) {
    out.push("", "### Findings", "");
    for (const { s, f } of findings.slice(0, shown.findings)) {
      if (out.over) return undefined;
      out.push(`- ❌ **${s.title}**: ${cell(f)}`);
    }
  }
  const warnings = sections.flatMap((s) => s.warnings.map((w) => ({ s, w })));
  if (warnings.length > 0) {
    out.push("", ...warnings.map(({ s, w }) => `- ⚠️ **${s.title}**: ${cell(w)}`));
  }
  const cut = shown.findings < findings.length || !shown.details;
  if (cut) {
    out.push(
      "",
      `> ⚠️ Cut to fit GitHub's comment limit: ${Math.min(shown.findings, findings.length)} of ${findings.length} findings shown, details left out. \`parity plan --json FILE\` has everything.`,
    );
  }
  if (shown.details) {
    for (const section of sections) out.push(...folded(section.title, section.markdown()));
    out.push(
      ...folded(
        `Stacks (${plural(Object.keys(report.stacks).length, "stack")}) and topology`,
        stacksDetails(report),
      ),
    );
  }
  const footer = [
    ...(context.commit === undefined ? [] : [`commit ${code(context.commit.slice(0, 12))}`]),
    ...(context.runUrl === undefined ? [] : [`[workflow run](${context.runUrl})`]),
  ];
  out.push("", `<sub>${[...footer, "updated in place on every push"].join(" · ")}</sub>`);
  return out.over ? undefined : `${out.lines.join("\n")}\n`;
}

/**
 * The report as a PR comment or job summary, in one screen when it passes: the verdict, one row
 * per section, the findings and warnings; each section's details folded; a footer naming the
 * commit and the run. Longer than `limit`, it drops the details, then findings, and says so.
 */
export function renderMarkdown(
  report: ParityReport,
  context: MarkdownContext = {},
  limit = COMMENT_BUDGET,
): string {
  const sections = sectionsOf(report, {
    text: () => [],
    markdown: () => parityDetails(report, limit),
  });
  const total = sections.reduce((n, s) => n + s.findings.length, 0);
  const full = compose(report, sections, context, { findings: total, details: true }, limit);
  if (full !== undefined) return full;
  let low = 0;
  let high = total;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const cut = compose(report, sections, context, { findings: mid, details: false }, limit);
    if (cut !== undefined) low = mid;
    else high = mid - 1;
  }
  // Even without findings the comment may not fit (a long summary): it is written all the same.
  return compose(report, sections, context, { findings: low, details: false }, Infinity) ?? "";
}
