import { styleText } from "node:util";
import { renderBootstrapText } from "../bootstrap/render";
import { renderBringUpText } from "../bringup/render";
import { renderCapacityText } from "../capacity/render";
import { renderPoliciesText } from "../policy/render";
import { renderVersionsText } from "../versions/render";
import type { ParityReport } from "../check/report";
import { countByType, plural, showLocation, showValue } from "./values";

export interface TextOptions {
  /** Colour the verdicts (only when writing to a terminal). */
  readonly color: boolean;
}

type Style = "green" | "red" | "bold" | "dim";

/**
 * The report for people: each stack's resource summary, each pair's verdict with its findings
 * and the knobs that explained differences, and the overall verdict last.
 */
export function renderText(report: ParityReport, options: TextOptions): string {
  const paint = (style: Style, text: string) =>
    options.color ? styleText(style, text, { validateStream: false }) : text;
  const lines: string[] = [];
  for (const [name, stack] of Object.entries(report.stacks)) {
    lines.push(
      `${paint("bold", name)} (${stack.source}): ${plural(stack.resources.length, "resource")}`,
    );
    for (const [type, count] of countByType(stack.resources)) {
      lines.push(`  ${String(count).padStart(4)}  ${type}`);
    }
  }
  lines.push("");
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
  if (report.bringUp !== undefined) lines.push("", ...renderBringUpText(report.bringUp));
  if (report.versions !== undefined) lines.push("", ...renderVersionsText(report.versions));
  if (report.policies !== undefined) lines.push("", ...renderPoliciesText(report.policies));
  if (report.capacity !== undefined) lines.push("", ...renderCapacityText(report.capacity));
  if (report.bootstrap !== undefined) lines.push("", ...renderBootstrapText(report.bootstrap));
  lines.push("");
  lines.push(
    report.verdict === "pass"
      ? paint("green", "Parity holds.")
      : paint("red", `Parity broken: ${plural(report.findings.length, "unexplained difference")}.`),
  );
  return `${lines.join("\n")}\n`;
}
