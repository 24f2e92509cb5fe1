import type { ParityReport, ReportFinding } from "../check/report";
import { ABSENT, PRESENT } from "../diff/finding";
import type { PlanSection } from "./section";
import { plural, showValue } from "./values";

/** A resource key as a stack names it: `aws:sqs/queue:Queue::only-{stack}` → `Queue "only-prod"`. */
function named(resource: string, stack: string): string {
  const at = resource.lastIndexOf("::");
  const type = resource.slice(0, at);
  return `${type} "${resource.slice(at + 2).replaceAll("{stack}", stack)}"`;
}

/** A value as a sentence shows it: presence in words, anything else as JSON. */
function shown(value: unknown): string {
  if (value === PRESENT) return "exists";
  if (value === ABSENT) return "is missing";
  return `is ${showValue(value)}`;
}

const FIX =
  "Fix: build it the same way in every stack (components never branch on the stack), or declare the knob that decides it in stacks/keys.ts.";

/** One unexplained difference as a sentence naming both stacks, the resource, the values and the fix. */
export function findingSentence(finding: ReportFinding): string {
  const [a, b] = finding.stacks;
  const where = finding.where === undefined ? "" : ` (${finding.where})`;
  if (finding.kind === "only-in-a" || finding.kind === "only-in-b") {
    const [has, lacks] = finding.kind === "only-in-a" ? [a, b] : [b, a];
    return `${named(finding.resource, has)}${where} exists in ${has} and is missing in ${lacks}. ${FIX}`;
  }
  const property = finding.property === "" ? "" : ` ${finding.property}`;
  return `${named(finding.resource, a)}${property}${where}: in ${a} it ${shown(finding.a)}, in ${b} it ${shown(finding.b)} (${finding.rule}). ${FIX}`;
}

/** The parity section of `parity plan`: each pair the same, or its differences. */
export function paritySection(
  report: ParityReport,
  details: { text: () => readonly string[]; markdown: () => readonly string[] },
): PlanSection {
  return {
    title: "Parity",
    ok: report.verdict === "pass",
    summary: report.pairs
      .map((p) => {
        const explained =
          p.explained.length === 0
            ? ""
            : `, ${plural(p.explained.length, "difference")} explained by knobs`;
        return p.verdict === "pass"
          ? `${p.a} ↔ ${p.b} the same${explained}`
          : `${p.a} ↔ ${p.b} ${plural(p.findings.length, "unexplained difference")}`;
      })
      .join(" · "),
    findings: report.findings.map(findingSentence),
    warnings: [],
    ...details,
  };
}
