import type { ChangeOp, DriftSummary, SourceReview } from "./report";
import { SECRET } from "../pulumi-values";

/** Longest value shown in a report line; the JSON report always has the full value. */
export const MAX_VALUE_CHARS = 120;

/**
 * A property value on one line: JSON, `(absent)` when missing, `[secret]` when masked, shortened
 * past `max` characters.
 */
export function formatValue(value: unknown, max = MAX_VALUE_CHARS): string {
  if (value === undefined) return "(absent)";
  if (value === SECRET) return SECRET;
  const text = JSON.stringify(value);
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Column headings for the old and new value: what each side means depends on the source. */
export function sideLabels(review: SourceReview): { old: string; new: string } {
  return review.refresh
    ? { old: "in Pulumi state", new: "in the cloud" }
    : { old: "before", new: "after" };
}

/** How a change op reads for this kind of source. */
export function opLabel(op: ChangeOp, refresh: boolean): string {
  const labels: Record<ChangeOp, [string, string]> = {
    update: ["changed out of band", "update"],
    replace: ["changed out of band (needs replacement)", "replace"],
    delete: ["deleted out of band", "delete"],
    create: ["missing from state", "create"],
  };
  return labels[op][refresh ? 0 : 1];
}

/** The one-line summary: `1 changed · 2 deleted · 1 ignored · 3 unchanged`. */
export function summaryLine(summary: DriftSummary): string {
  const parts = [
    `${summary.changed} changed`,
    `${summary.deleted} deleted`,
    ...(summary.created > 0 ? [`${summary.created} created`] : []),
    `${summary.ignored} ignored change${summary.ignored === 1 ? "" : "s"}`,
    `${summary.unchanged} unchanged`,
  ];
  return parts.join(" · ");
}

/** Ignored changes counted by reason, most frequent first. */
export function ignoredByReason(review: SourceReview): [string, number][] {
  const counts = new Map<string, number>();
  for (const change of review.ignored) {
    counts.set(change.reason, (counts.get(change.reason) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The format of a source as a reader would name it. */
export function formatName(review: SourceReview): string {
  const kind = review.format === "event-log" ? "engine event log" : "preview JSON";
  return `${kind}, ${review.refresh ? "refresh" : "not a refresh"}`;
}
