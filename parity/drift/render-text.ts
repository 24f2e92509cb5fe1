import {
  formatValue,
  headline,
  ignoredByReason,
  opLabel,
  resolutions,
  runLine,
  sideLabels,
  sourceLabel,
  stackLabel,
  stacksToResolve,
  summaryLine,
} from "./format";
import type { DriftReport, ResourceChange, SourceReview } from "./report";

function resourceLines(review: SourceReview, resource: ResourceChange): string[] {
  const sides = sideLabels(review);
  const head = `  ${opLabel(resource.op, review.refresh)}: ${resource.name} (${resource.type}${resource.id === undefined || resource.id === "" ? "" : `, id ${resource.id}`})`;
  const changes = resource.changes.map(
    (change) =>
      `      ${change.path} [${change.kind}]: ${sides.old} ${formatValue(change.old)} → ${sides.new} ${formatValue(change.new)}`,
  );
  return [head, ...changes];
}

/** The drift report as plain text for a terminal or a CI log: the verdict first, then each file. */
export function renderText(report: DriftReport): string {
  const lines = [`${headline(report)}: ${summaryLine(report.summary)}`];
  if (report.run !== undefined) lines.push(runLine(report.run));
  for (const review of report.sources) {
    lines.push("", `${stackLabel(review)}, from ${sourceLabel(review)}`);
    for (const note of review.notes) lines.push(`  note: ${note}`);
    for (const resource of [...review.changed, ...review.deleted, ...review.created]) {
      for (const line of resourceLines(review, resource)) lines.push(line);
    }
    for (const [reason, count] of ignoredByReason(review)) {
      lines.push(`  ignored ${count} change${count === 1 ? "" : "s"}: ${reason}`);
    }
  }
  for (const stack of stacksToResolve(report)) {
    lines.push("", `To resolve drift in ${stack}, for each change:`);
    for (const way of resolutions(stack)) {
      lines.push(`  ${`${way.verb}:`.padEnd(11)}${way.command} (${way.note})`);
    }
  }
  return `${lines.join("\n")}\n`;
}
