import { cell } from "../render/markdown-cell";
import type { PlanSection } from "../render/section";
import type { ReadinessFinding } from "./readiness";
import { findingCount, type BringUpReport } from "./report";
import type { PathStep, StackBringUp, Timeline } from "./stack-bringup";

/** Seconds as people read a wait: `45 s`, `23 min 30 s`, `1 h 5 min`. */
export function showDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60)
    return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function showStep(step: PathStep): string {
  const name = step.resource.slice(step.resource.lastIndexOf("::") + 2);
  return `${name} (${showDuration(step.seconds)})`;
}

/** A critical path in one line: `main-cluster (3 min) → main-writer (10 min)`. */
export function showPath(timeline: Timeline): string {
  return timeline.criticalPath.map(showStep).join(" → ");
}

/** One readiness finding as a sentence that names the resource, its need and the fix. */
export function readinessSentence(stack: string, f: ReadinessFinding): string {
  const fix =
    f.candidates.length === 0
      ? `the stack registers none (${f.anyOf.join(" or ")}): add one and list it in dependsOn`
      : `add ${f.candidates.slice(0, 3).join(", ")}${f.candidates.length > 3 ? ", …" : ""} to its dependsOn`;
  return `${stack}: ${f.resource} ${f.acts} while it is created, and needs ${f.needs}; nothing it waits for is one (${f.anyOf.join(" or ")}). Fix: ${fix}. (rule ${f.rule}, ${f.source})`;
}

function stackFindings(stack: StackBringUp): string[] {
  return [
    ...stack.readiness.map((f) => readinessSentence(stack.stack, f)),
    ...stack.teardownFindings,
  ];
}

function verdict(report: BringUpReport): string {
  const count = report.stacks.reduce((sum, stack) => sum + findingCount(stack), 0);
  return report.holds
    ? "Bring-up and teardown hold: every stack comes up in order, pull-request stacks go away in one destroy, production refuses it."
    : `Bring-up or teardown broken: ${count} finding${count === 1 ? "" : "s"}.`;
}

function teardownSummary(stack: StackBringUp): string {
  const blocks = stack.teardown.filter((hit) => hit.effect === "blocks");
  const leaves = stack.teardown.filter((hit) => hit.effect === "leaves");
  const names = (hits: typeof blocks) =>
    [
      ...new Set(
        hits.map(
          (hit) => `${hit.resource.slice(hit.resource.lastIndexOf("::") + 2)} (${hit.rule})`,
        ),
      ),
    ].join(", ");
  const parts = [
    blocks.length === 0 ? "nothing stops destroy" : `destroy stops at ${names(blocks)}`,
    ...(leaves.length === 0 ? [] : [`leaves ${names(leaves)}`]),
  ];
  return parts.join("; ");
}

function durationNote(report: BringUpReport): string {
  return `Estimated from the duration table taken ${report.durations.taken} (${report.durations.basis})`;
}

/** The bring-up and teardown section of `parity plan`'s text output. */
export function renderBringUpText(report: BringUpReport): string[] {
  const lines = ["Bring-up from empty state and teardown:"];
  for (const stack of report.stacks) {
    lines.push(
      `  ${stack.stack}: up in ${showDuration(stack.up.seconds)}, down in ${showDuration(stack.down.seconds)}; ${teardownSummary(stack)}`,
      `      critical path up: ${showPath(stack.up)}`,
      `      critical path down: ${showPath(stack.down)}`,
    );
    if (stack.unlistedTypes.length > 0) {
      lines.push(`      not in the duration table (estimated): ${stack.unlistedTypes.join(", ")}`);
    }
    for (const finding of stackFindings(stack)) lines.push(`  ✗ ${finding}`);
  }
  lines.push(`  (${durationNote(report)})`, verdict(report));
  return lines;
}

/** The sentence a pull request reads first: how long its preview environment takes. */
function previewLine(report: BringUpReport): string[] {
  const preview = report.stacks.find((stack) => stack.demand === "goes away");
  return preview === undefined
    ? []
    : [
        `**A preview environment (${preview.stack}) takes about ${showDuration(preview.up.seconds)} to come up and ${showDuration(preview.down.seconds)} to go away.**`,
        "",
      ];
}

/** The bring-up and teardown section of `parity plan`'s markdown (PR comment, job summary). */
export function renderBringUpMarkdown(report: BringUpReport): string[] {
  const findings = report.stacks.flatMap(stackFindings);
  return [
    `### ${report.holds ? "✅" : "❌"} Bring-up and teardown`,
    "",
    ...previewLine(report),
    "| Stack | Up | Down | Teardown | Critical path (up) |",
    "|---|---:|---:|---|---|",
    ...report.stacks.map(
      (s) =>
        `| ${cell(s.stack)} | ${showDuration(s.up.seconds)} | ${showDuration(s.down.seconds)} | ${cell(teardownSummary(s))} | ${cell(showPath(s.up))} |`,
    ),
    ...(findings.length === 0 ? [] : ["", ...findings.map((f) => `- ❌ ${cell(f)}`)]),
    "",
    `> ${cell(durationNote(report))}`,
    "",
    verdict(report),
  ];
}

/** The bring-up section of `parity plan`: the preview environment's times first. */
export function bringUpSection(report: BringUpReport): PlanSection {
  const times = report.stacks.map(
    (s) =>
      `${s.stack} up in ${showDuration(s.up.seconds)}, down in ${showDuration(s.down.seconds)}`,
  );
  return {
    title: "Bring-up and teardown",
    ok: report.holds,
    summary: times.join(" · "),
    findings: report.stacks.flatMap(stackFindings),
    warnings: [],
    text: () => renderBringUpText(report),
    markdown: () => renderBringUpMarkdown(report),
  };
}
