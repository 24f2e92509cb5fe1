import { writeFileSync } from "node:fs";
import { UserError } from "../../components/errors";
import type { ParityReport } from "../check/report";
import { renderJson } from "../render/json";
import { renderMarkdown } from "../render/markdown";
import { renderText } from "../render/text";
import { EXIT, ExitError } from "./exit";

/** Where a command writes its report besides the terminal. */
export interface OutputOptions {
  readonly json?: string;
  readonly markdown?: string;
}

function write(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new UserError(`${file}: cannot be written (${(error as Error).message}).`);
  }
}

/**
 * Prints the report for people (colour only on a terminal), notes as warnings on stderr, writes
 * the requested JSON and markdown files, and ends with exit 1 when parity is broken.
 */
export function emitReport(report: ParityReport, options: OutputOptions): void {
  for (const note of report.notes) process.stderr.write(`parity: warning: ${note}\n`);
  process.stdout.write(renderText(report, { color: process.stdout.isTTY }));
  if (options.json !== undefined) write(options.json, renderJson(report));
  if (options.markdown !== undefined) write(options.markdown, renderMarkdown(report));
  if (report.verdict === "fail") throw new ExitError(EXIT.findings);
}
