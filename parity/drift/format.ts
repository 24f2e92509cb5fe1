import path from "node:path";
import type { ChangeOp, DriftReport, DriftSummary, ReviewRun, SourceReview } from "./report";
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

/** The stacks a report is about, in the order its files came: `prod`, or `prod, staging`. */
function stacksOf(report: DriftReport): string | undefined {
  const stacks = [...new Set(report.sources.flatMap((review) => review.stack ?? []))];
  return stacks.length === 0 ? undefined : stacks.join(", ");
}

/** The verdict, named for the stack: `Drift in stack prod`, `No drift in stack prod`. */
export function headline(report: DriftReport): string {
  const stacks = stacksOf(report);
  const where = stacks === undefined ? "" : ` in stack${stacks.includes(",") ? "s" : ""} ${stacks}`;
  return report.drift ? `Drift${where}` : `No drift${where}`;
}

/** `2026-01-31 05:17 UTC`: the minute a review ran, as a reader compares it with the run list. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** Where the review ran: `Reviewed 2026-01-31 05:17 UTC in run <url>`, or without the run. */
export function runLine(run: ReviewRun): string {
  return `Reviewed ${formatTime(run.at)}${run.url === undefined ? "" : ` in run ${run.url}`}.`;
}

/** `Stack prod`: whose resources a review read. */
export function stackLabel(review: SourceReview): string {
  return review.stack === undefined ? "No stack named" : `Stack ${review.stack}`;
}

/** The file a review read, by its name (a CI run's temporary directory tells a reader nothing). */
export function sourceLabel(review: SourceReview): string {
  return `${path.basename(review.file)} (${formatName(review)})`;
}

/** One way to end drift: the command to run and what else it takes. */
export interface Resolution {
  readonly verb: string;
  readonly command: string;
  readonly note: string;
}

/** How to end drift in `stack`: keep the cloud's values (into state and code), or put the code's back. */
export function resolutions(stack: string): readonly [Resolution, Resolution] {
  return [
    {
      verb: "keep it",
      command: `pulumi refresh --stack ${stack}`,
      note: "then change the code to match, or the next pulumi up undoes it",
    },
    {
      verb: "revert it",
      command: `pulumi up --refresh --stack ${stack}`,
      note: "a plain pulumi up compares the code with the state, which still holds the old values, and changes nothing",
    },
  ];
}

/** The stacks whose drift a reader can resolve: those of refreshes that found some. */
export function stacksToResolve(report: DriftReport): string[] {
  const drifted = report.sources.filter(
    (review) =>
      review.refresh &&
      review.stack !== undefined &&
      review.changed.length + review.deleted.length + review.created.length > 0,
  );
  return [...new Set(drifted.map((review) => review.stack ?? ""))];
}
