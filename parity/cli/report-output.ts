import { statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UserError } from "../../components/errors";
import type { ParityReport } from "../check/report";
import { renderJson } from "../render/json";
import { renderMarkdown } from "../render/markdown";
import { renderText } from "../render/text";
import { EXIT, ExitError } from "./exit";

/** Where a command writes its report besides the terminal (`--json FILE`, `--markdown FILE`). */
export interface OutputOptions {
  readonly json?: string;
  readonly markdown?: string;
}

/** A finished report, rendered for each place it can go. */
export interface RenderedReport {
  /** Things the reader should know, printed on stderr as warnings. */
  readonly warnings?: readonly string[];
  readonly text: string;
  readonly json: () => string;
  readonly markdown?: () => string;
  /** True when the command found what it looks for (divergence, drift, a failed check): exit 1. */
  readonly findings: boolean;
}

const FLAGS = { json: "--json", markdown: "--markdown" } as const;

function requested(options: OutputOptions): [flag: string, file: string][] {
  return (Object.keys(FLAGS) as (keyof typeof FLAGS)[]).flatMap((key) => {
    const file = options[key];
    return file === undefined ? [] : [[FLAGS[key], file]];
  });
}

/**
 * Refuses, before a command does any work, an output file that cannot be written: a directory,
 * or a file in a directory that does not exist.
 */
export function checkOutputs(options: OutputOptions): void {
  for (const [flag, file] of requested(options)) {
    const target = statSync(file, { throwIfNoEntry: false });
    if (target?.isDirectory() === true) {
      throw new UserError(`${flag} ${file}: is a directory; give the path of a file to write.`);
    }
    const dir = path.dirname(file);
    if (target === undefined && statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) {
      throw new UserError(
        `${flag} ${file}: cannot be written: directory ${dir} does not exist. Create it or give another path.`,
      );
    }
  }
}

/** Writes one output file of a command, refusing with one line naming the flag and the file. */
export function writeOutput(flag: string, file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UserError(`${flag} ${file}: cannot be written (${code}).`);
  }
}

/**
 * How every command ends: warnings on stderr, the report for people on stdout, the requested
 * JSON and markdown files written, then exit 1 when the report has findings (0 otherwise).
 */
export function emit(report: RenderedReport, options: OutputOptions): void {
  for (const warning of report.warnings ?? [])
    process.stderr.write(`parity: warning: ${warning}\n`);
  process.stdout.write(report.text);
  if (options.json !== undefined) writeOutput(FLAGS.json, options.json, report.json());
  if (options.markdown !== undefined && report.markdown !== undefined) {
    writeOutput(FLAGS.markdown, options.markdown, report.markdown());
  }
  if (report.findings) throw new ExitError(EXIT.findings);
}

/** {@link emit} for a parity report (`plan`, `diff`): colour only on a terminal. */
export function emitReport(report: ParityReport, options: OutputOptions): void {
  emit(
    {
      warnings: report.notes,
      text: renderText(report, { color: process.stdout.isTTY }),
      json: () => renderJson(report),
      markdown: () => renderMarkdown(report),
      findings: report.verdict === "fail",
    },
    options,
  );
}
