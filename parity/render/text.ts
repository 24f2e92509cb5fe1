import { styleText } from "node:util";
import type { ParityReport } from "../check/report";
import { overallVerdict, sectionsOf } from "./sections";
import { countByType, plural, showLocation, showValue } from "./values";

export interface TextOptions {
  /** Colour the verdicts (decided by the caller from the terminal and NO_COLOR/FORCE_COLOR). */
  readonly color: boolean;
  /** Each stack's resources counted by type (`--resources`). */
  readonly resources?: boolean;
  /** Every section's breakdown: pairs, critical paths, costs, quotas, policies (`--details`). */
  readonly details?: boolean;
  /** The verdict line alone (`--quiet`). */
  readonly quiet?: boolean;
}

type Style = "green" | "red" | "yellow" | "bold" | "dim";
type Paint = (style: Style, text: string) => string;

/** Each pair's verdict with its differences and the knobs that explained the rest. */
function pairLines(report: ParityReport, paint: Paint): string[] {
  const lines: string[] = [];
  for (const pair of report.pairs) {
    const verdict = pair.verdict === "pass" ? paint("green", "PASS") : paint("red", "FAIL");
    const knobs = [...new Set(pair.explained.map((e) => e.knob))];
    const explained =
      pair.explained.length === 0
        ? ""
        : `, ${pair.explained.length} explained by ${knobs.join(", ")}`;
    lines.push(
      `${verdict} ${pair.a} ↔ ${pair.b}: ${plural(pair.findings.length, "unexplained difference")}${explained}`,
    );
    for (const f of pair.findings) {
      lines.push(`  ${paint("red", "✗")} ${showLocation(f.resource, f.property)}`);
      lines.push(`      ${pair.a}: ${showValue(f.a)}`);
      lines.push(`      ${pair.b}: ${showValue(f.b)}`);
      lines.push(`      ${paint("dim", `rule: ${f.rule}`)}`);
    }
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines;
}

/** One line per stack, and its resources by type with `resources`. */
function stackLines(report: ParityReport, resources: boolean): string[] {
  return Object.entries(report.stacks).flatMap(([name, stack]) => [
    `  ${name}: ${plural(stack.resources.length, "resource")} (${stack.source})`,
    ...(resources
      ? countByType(stack.resources).map(
          ([type, count]) => `      ${String(count).padStart(4)}  ${type}`,
        )
      : []),
  ]);
}

/**
 * The report for people, verdict first: one line per section (parity, and for `parity plan`
 * bring-up, versions, policies, cost, bootstrap), one line per stack, then warnings, and the
 * findings last, each with its fix, next to the verdict again. Breakdowns with `details`.
 */
export function renderText(report: ParityReport, options: TextOptions): string {
  const paint: Paint = (style, text) =>
    options.color ? styleText(style, text, { validateStream: false }) : text;
  const sections = sectionsOf(report, {
    text: () => pairLines(report, paint),
    markdown: () => [],
  });
  const ok = sections.every((s) => s.ok);
  const subject = sections.length > 1 ? "Plan" : "Parity";
  const verdict = ok
    ? paint("green", `✓ ${overallVerdict(sections, subject)}.`)
    : paint("red", `✗ ${overallVerdict(sections, subject)}.`);
  if (options.quiet === true) return `${verdict}\n`;
  const width = Math.max(...sections.map((s) => s.title.length));
  const lines = [
    verdict,
    ...sections.map(
      (s) =>
        `  ${s.ok ? paint("green", "✓") : paint("red", "✗")} ${paint("bold", s.title.padEnd(width))}  ${s.summary}`,
    ),
    "Stacks:",
    ...stackLines(report, options.resources === true),
  ];
  if (options.details === true) {
    for (const section of sections) lines.push("", ...section.text());
  } else if (options.resources !== true) {
    lines.push(
      paint("dim", "(--details for each section's breakdown, --resources for counts by type)"),
    );
  }
  const warnings = sections.flatMap((s) => s.warnings.map((w) => `${s.title}: ${w}`));
  if (warnings.length > 0) {
    lines.push("", "Warnings:", ...warnings.map((w) => `  ${paint("yellow", "!")} ${w}`));
  }
  const findings = sections.flatMap((s) => s.findings.map((f) => `${s.title}: ${f}`));
  if (findings.length > 0) {
    lines.push("", "Findings:", ...findings.map((f) => `  ${paint("red", "✗")} ${f}`), "", verdict);
  }
  return `${lines.join("\n")}\n`;
}
