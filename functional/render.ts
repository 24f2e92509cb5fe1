import path from "node:path";
import type { SuiteReport, TestResult, TestStatus } from "./types";

const LABEL: Readonly<Record<TestStatus, string>> = { pass: "PASS", fail: "FAIL", skip: "SKIP" };
const MARK: Readonly<Record<TestStatus, string>> = { pass: "✅", fail: "❌", skip: "⏭️" };

function tally(report: SuiteReport): string {
  const count = (status: TestStatus) =>
    report.results.filter((result) => result.status === status).length;
  return `${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped`;
}

function verdict(report: SuiteReport): string {
  return report.ok ? "the environment works for its users" : "users would see it broken";
}

/**
 * What the report says under a failed test: why, expected and seen, and its artifacts (each file
 * as `file` writes it).
 */
function details(result: TestResult, file: (path: string) => string): [string, string][] {
  const lines: [string, string | undefined][] = [
    ["", result.summary],
    ["expected:   ", result.expected],
    ["seen:       ", result.seen],
    ["screenshot: ", result.screenshot === undefined ? undefined : file(result.screenshot)],
    ["trace:      ", result.trace === undefined ? undefined : file(result.trace)],
  ];
  return lines.flatMap(([label, text]) => (text === undefined ? [] : [[label, text]]));
}

/** The report for people: one line per test, the details of each failure under it, a tally. */
export function renderText(report: SuiteReport): string {
  const lines = [`parity functional ${report.url}${report.readOnly ? " (read-only)" : ""}`];
  for (const result of report.results) {
    lines.push(`  ${LABEL[result.status]}  ${result.name}`);
    if (result.status === "fail") {
      for (const [label, text] of details(result, (file) => file))
        lines.push(`        ${label}${text}`);
    }
  }
  lines.push(`${tally(report)}: ${verdict(report)}.`);
  return `${lines.join("\n")}\n`;
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * The report for a job summary: the verdict first, then each test; a failure's details are
 * folded, and its screenshot and trace named by file name (the job uploads their directory).
 */
export function renderMarkdown(report: SuiteReport): string {
  const lines = [
    `### Functional tests${report.readOnly ? " (read-only)" : ""}: ${verdict(report)} (${tally(report)})`,
    "",
    `Against ${escapeHtml(report.url)} in headless Chromium.`,
    "",
  ];
  for (const result of report.results) {
    lines.push(`- ${MARK[result.status]} ${escapeHtml(result.name)}`);
    if (result.status === "fail") {
      const folded = details(result, (file) => path.basename(file))
        .map(([label, text]) => `${label}${text}`)
        .join("\n");
      lines.push(`  <details><summary>why</summary><pre>${escapeHtml(folded)}</pre></details>`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The report for machines. */
export function renderJson(report: SuiteReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
