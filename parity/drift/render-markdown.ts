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

const fixed = (text: string): Line => ({ text, row: false });

/** The resource a row is about: its name, type and the id that tells two of one name apart. */
function resourceCell(resource: ResourceChange): string {
  const id = resource.id === undefined || resource.id === "" ? "" : `, id ${code(resource.id)}`;
  return `${code(resource.name)} (${code(resource.type)}${id})`;
}

function sourceLines(review: SourceReview): Line[] {
  const lines = [fixed(`### ${stackLabel(review)}, from ${sourceLabel(review)}`), fixed("")];
  for (const note of review.notes) lines.push(fixed(`> [!NOTE]\n> ${note}`), fixed(""));
  const resources = [...review.changed, ...review.deleted, ...review.created];
  if (resources.length === 0) {
    lines.push(fixed("No changes."), fixed(""));
  } else {
    const sides = sideLabels(review);
    lines.push(
      fixed(`| resource | change | property | ${sides.old} | ${sides.new} |`),
      fixed("| --- | --- | --- | --- | --- |"),
    );
    for (const resource of resources) {
      const head = `| ${resourceCell(resource)} | ${opLabel(resource.op, review.refresh)}`;
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

function resolveLines(stack: string): Line[] {
  return [
    fixed(`### To resolve drift in ${stack}`),
    fixed(""),
    fixed("For each change:"),
    ...resolutions(stack).map((way) =>
      fixed(`- **${way.verb}**: ${code(way.command)} (${way.note})`),
    ),
    fixed(""),
  ];
}

/**
 * The drift report as GitHub markdown (job summary, issue body), never longer than `limit`
 * characters: when the tables do not fit, the last rows are left out and counted.
 */
export function renderMarkdown(report: DriftReport, limit = GITHUB_BODY_LIMIT): string {
  const lines: Line[] = [
    fixed(`## ${headline(report)}`),
    fixed(""),
    fixed(
      [
        summaryLine(report.summary),
        ...(report.run === undefined ? [] : [runLine(report.run)]),
      ].join(". "),
    ),
    fixed(""),
    ...report.sources.flatMap(sourceLines),
    ...stacksToResolve(report).flatMap(resolveLines),
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
