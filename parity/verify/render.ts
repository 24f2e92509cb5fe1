import type { CheckStatus, VerifyReport } from "./types";

const LABEL: Readonly<Record<CheckStatus, string>> = { pass: "PASS", fail: "FAIL", skip: "SKIP" };

/** The report for people: one line per check, expected and seen under each failure, a tally. */
export function renderText(report: VerifyReport): string {
  const width = Math.max(...report.checks.map((check) => check.name.length));
  const lines = [`parity verify ${report.url} (release ${report.release})`];
  for (const check of report.checks) {
    lines.push(`  ${LABEL[check.status]}  ${check.name.padEnd(width)}  ${check.summary}`);
    const indent = " ".repeat(width + 10);
    if (check.expected !== undefined) lines.push(`${indent}expected: ${check.expected}`);
    if (check.seen !== undefined) lines.push(`${indent}seen:     ${check.seen}`);
  }
  const count = (status: CheckStatus) =>
    report.checks.filter((check) => check.status === status).length;
  lines.push(
    `${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped: ${report.ok ? "the environment conforms" : "the environment does not conform"}.`,
  );
  return `${lines.join("\n")}\n`;
}

/** The report for machines. */
export function renderJson(report: VerifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
