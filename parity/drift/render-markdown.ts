import {
  formatName,
  formatValue,
  ignoredByReason,
  opLabel,
  sideLabels,
  summaryLine,
} from "./format";
import type { DriftReport, SourceReview } from "./report";
import { GITHUB_BODY_LIMIT } from "../render/github";

/** Room kept for the line that says how many rows were left out. */
const OMITTED_NOTE_RESERVE = 200;

/** `text` as an inline code span that survives a table cell. */
function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  const padded = fence === "``" ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\|/g, "\\|")}${fence}`;
}

/** A value cell: absent and masked values in words, anything else as code. */
function valueCell(value: unknown): string {
  return value === undefined ? "_(absent)_" : code(formatValue(value));
}

interface Line {
  readonly text: string;
  /** Table rows may be left out to fit the limit; everything else is always kept. */
  readonly row: boolean;
}

function sourceLines(review: SourceReview): Line[] {
  const fixed = (text: string): Line => ({ text, row: false });
  const lines = [fixed(`### ${code(review.file)} (${formatName(review)})`), fixed("")];
  for (const note of review.notes) lines.push(fixed(`> [!NOTE]\n> ${note}`), fixed(""));
  const resources = [...review.changed, ...review.deleted, ...review.created];
  if (resources.length === 0) {
    lines.push(fixed("No changes."), fixed(""));
  } else {
    const sides = sideLabels(review);
    lines.push(
      fixed(`| resource | type | change | property | ${sides.old} | ${sides.new} |`),
      fixed("| --- | --- | --- | --- | --- | --- |"),
    );
    for (const resource of resources) {
      const head = `| ${code(resource.name)} | ${code(resource.type)} | ${opLabel(resource.op, review.refresh)}`;
      if (resource.changes.length === 0) lines.push({ text: `${head} | | | |`, row: true });
      for (const change of resource.changes) {
        lines.push({
          text: `${head} | ${code(change.path)} (${change.kind}) | ${valueCell(change.old)} | ${valueCell(change.new)} |`,
          row: true,
        });
      }
    }
    lines.push(fixed(""));
  }
  const ignored = ignoredByReason(review);
  if (ignored.length > 0) {
    lines.push(fixed(`Ignored ${review.ignored.length} change(s) listed in the ignore file:`));
    for (const [reason, count] of ignored) lines.push(fixed(`- ${count} × ${reason}`));
    lines.push(fixed(""));
  }
  return lines;
}

/**
 * The drift report as GitHub markdown (job summary, issue body), never longer than `limit`
 * characters: when the tables do not fit, the last rows are left out and counted.
 */
export function renderMarkdown(report: DriftReport, limit = GITHUB_BODY_LIMIT): string {
  const lines: Line[] = [
    { text: `## Drift review: ${report.drift ? "drift found" : "no drift"}`, row: false },
    { text: "", row: false },
    { text: summaryLine(report.summary), row: false },
    { text: "", row: false },
    ...report.sources.flatMap(sourceLines),
  ];
  const size = (line: Line): number => line.text.length + 1;
  const fixedSize = lines.filter((line) => !line.row).reduce((sum, line) => sum + size(line), 0);
  let budget = limit - fixedSize - OMITTED_NOTE_RESERVE;
  let omitted = 0;
  const kept = lines.filter((line) => {
    if (!line.row) return true;
    if (omitted === 0 && size(line) <= budget) {
      budget -= size(line);
      return true;
    }
    omitted += 1;
    return false;
  });
  const text = kept.map((line) => line.text).join("\n");
  const note =
    omitted === 0
      ? ""
      : `\n_${omitted} more row(s) left out to stay within GitHub's ${GITHUB_BODY_LIMIT.toLocaleString("en-US")}-character limit; the JSON report (\`--json\`) has every change._\n`;
  return `${text.trimEnd()}\n${note}`.slice(0, limit);
}
