import type { PlanSection } from "../render/section";
import type { VersionReport } from "./report";

function verdict(report: VersionReport): string {
  const ended = report.verdicts.filter((v) => v.status === "ended" || v.status === "unknown");
  return report.holds
    ? `Pinned versions hold: every one is supported on ${report.today}.`
    : `Pinned versions broken: ${ended.length} past their support or not in the calendar.`;
}

function note(report: VersionReport): string {
  const sources = Object.values(report.calendars.sources).join(", ");
  return `Calendars taken ${report.calendars.taken} from ${sources}. ${report.calendars.basis}`;
}

const MARK = { supported: "✓", ending: "!", ended: "✗", unknown: "✗" } as const;

/** The pinned-versions section of `parity plan`'s text output. */
export function renderVersionsText(report: VersionReport): string[] {
  const lines = [`Pinned versions on ${report.today}:`];
  for (const v of report.verdicts) {
    lines.push(
      v.status === "supported"
        ? `  ${MARK[v.status]} ${v.where}: ${v.setting} is ${v.product} ${v.version}, supported until ${v.ends ?? "?"}`
        : `  ${MARK[v.status]} ${v.message}`,
    );
  }
  lines.push(`  (${note(report)})`, verdict(report));
  return lines;
}

const ICON = { supported: "✅", ending: "⚠️", ended: "❌", unknown: "❌" } as const;

/** The pinned-versions section of `parity plan`'s markdown. */
export function renderVersionsMarkdown(report: VersionReport): string[] {
  return [
    `### ${report.holds ? "✅" : "❌"} Pinned versions`,
    "",
    "| | Where | Setting | Version | Support ends |",
    "|---|---|---|---|---|",
    ...report.verdicts.map(
      (v) =>
        `| ${ICON[v.status]} | \`${v.where}\` | \`${v.setting}\` | ${v.product} ${v.version} | ${v.ends ?? "not in the calendar"} |`,
    ),
    ...report.verdicts
      .filter((v) => v.message !== "")
      .map((v) => `\n> ${ICON[v.status]} ${v.message}`),
    "",
    verdict(report),
  ];
}

/** The pinned-versions section of `parity plan`. */
export function versionsSection(report: VersionReport): PlanSection {
  const broken = report.verdicts.filter((v) => v.status === "ended" || v.status === "unknown");
  const ending = report.verdicts.filter((v) => v.status === "ending");
  const earliest = report.verdicts
    .map((v) => v.ends)
    .filter((ends): ends is string => ends !== undefined)
    .sort()[0];
  return {
    title: "Pinned versions",
    ok: report.holds,
    summary: `${report.verdicts.length} pinned (Aurora PostgreSQL, Node.js)${earliest === undefined ? "" : `, the first support ending ${earliest}`}`,
    findings: broken.map((v) => v.message),
    warnings: ending.map((v) => v.message),
    text: () => renderVersionsText(report),
    markdown: () => renderVersionsMarkdown(report),
  };
}
