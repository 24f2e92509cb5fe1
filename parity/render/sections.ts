import { renderBootstrapMarkdown, renderBootstrapText } from "../bootstrap/render";
import type { BootstrapReport } from "../bootstrap/report";
import { bringUpSection } from "../bringup/render";
import { capacitySection } from "../capacity/render";
import type { ParityReport } from "../check/report";
import { policiesSection } from "../policy/render";
import { versionsSection } from "../versions/render";
import { paritySection } from "./parity-section";
import type { PlanSection } from "./section";
import { plural } from "./values";

function bootstrapSection(report: BootstrapReport): PlanSection {
  return {
    title: "Bootstrap",
    ok: report.holds,
    summary: `stack ${report.stack}: ${plural(report.resources.length, "resource")}, ${plural(report.rules.length, "rule")} checked`,
    findings: report.findings.map((f) => `${f.resource}: ${f.message} (rule ${f.rule})`),
    warnings: [],
    text: () => renderBootstrapText(report),
    markdown: () => renderBootstrapMarkdown(report),
  };
}

/**
 * Every section of a report, parity first, then what `parity plan` adds when it ran: bring-up,
 * pinned versions, policies, cost and quotas, the bootstrap.
 */
export function sectionsOf(
  report: ParityReport,
  parityDetails: { text: () => readonly string[]; markdown: () => readonly string[] },
): PlanSection[] {
  const { bringUp, versions, policies, capacity, bootstrap } = report;
  return [
    paritySection(report, parityDetails),
    ...(bringUp === undefined ? [] : [bringUpSection(bringUp)]),
    ...(versions === undefined ? [] : [versionsSection(versions)]),
    ...(policies === undefined ? [] : [policiesSection(policies)]),
    ...(capacity === undefined ? [] : [capacitySection(capacity)]),
    ...(bootstrap === undefined ? [] : [bootstrapSection(bootstrap)]),
  ];
}

/** The report's verdict in a few words: "Plan holds" or "Plan broken: 2 findings (Parity, Policies)". */
export function overallVerdict(sections: readonly PlanSection[], subject: string): string {
  const failing = sections.filter((s) => !s.ok);
  if (failing.length === 0) return `${subject} holds`;
  const count = failing.reduce((n, s) => n + Math.max(s.findings.length, 1), 0);
  return `${subject} broken: ${plural(count, "finding")} (${failing.map((s) => s.title).join(", ")})`;
}
