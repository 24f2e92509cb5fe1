import {
  formatName,
  formatValue,
  ignoredByReason,
  opLabel,
  sideLabels,
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

/** The drift report as plain text for a terminal or a CI log. */
export function renderText(report: DriftReport): string {
  const lines = [`Drift review: ${report.drift ? "drift found" : "no drift"}`];
  for (const review of report.sources) {
    lines.push("", `${review.file} (${formatName(review)})`);
    for (const note of review.notes) lines.push(`  note: ${note}`);
    for (const resource of [...review.changed, ...review.deleted, ...review.created]) {
      for (const line of resourceLines(review, resource)) lines.push(line);
    }
    for (const [reason, count] of ignoredByReason(review)) {
      lines.push(`  ignored ${count} change${count === 1 ? "" : "s"}: ${reason}`);
    }
  }
  lines.push("", summaryLine(report.summary));
  return `${lines.join("\n")}\n`;
}
