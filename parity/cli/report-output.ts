import { closeSync, constants, openSync, statSync, writeSync, type Stats } from "node:fs";
import path from "node:path";
import { UserError } from "../../components/errors";
import type { ParityReport } from "../check/report";
import { writeReportJson } from "../render/json";
import { renderMarkdown } from "../render/markdown";
import { renderText } from "../render/text";
import { sectionsOf } from "../render/sections";
import { useColor } from "./color";
import { errorAnnotations, githubContext } from "./github-context";
import { EXIT, ExitError } from "./exit";

/** Where a command writes its report besides the terminal (`--json FILE`, `--markdown FILE`). */
export interface OutputOptions {
  readonly json?: string;
  readonly markdown?: string;
}

/**
 * What an output file holds: its text, or a function that writes it in chunks to the sink it is
 * given (a report too large for one string).
 */
export type OutputText = string | ((sink: (chunk: string) => void) => void);

/** A finished report, rendered for each place it can go. */
export interface RenderedReport {
  /** Things the reader should know, printed on stderr as warnings. */
  readonly warnings?: readonly string[];
  readonly text: string;
  readonly json: () => OutputText;
  readonly markdown?: () => OutputText;
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

/** `file`'s status, undefined when it does not exist; a path through a file is not a directory. */
function statusOf(flag: string, file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UserError(
      `${flag} ${file}: cannot be written (${code}): a part of the path is a file, not a directory. Give the path of a file in a directory.`,
    );
  }
}

/**
 * Write ends of output FIFOs opened by {@link checkOutputs} and held until the report is written:
 * closing one would end the reader's input before the report reached it.
 */
const heldFifos = new Map<string, number>();

/**
 * Whether a process has the FIFO `file` open for reading: opening it to write without waiting
 * succeeds only then. The write end stays open (see {@link heldFifos}).
 */
function fifoHasReader(file: string): boolean {
  try {
    heldFifos.set(file, openSync(file, constants.O_WRONLY | constants.O_NONBLOCK));
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses, before a command does any work, an output file that cannot be written: a directory, a
 * socket, a FIFO no process reads (writing would wait for ever; `/dev/stdout` on a pipe is fine),
 * a path through a file, or a file in a directory that does not exist.
 */
export function checkOutputs(options: OutputOptions): void {
  for (const [flag, file] of requested(options)) {
    const target = statusOf(flag, file);
    if (target?.isDirectory() === true) {
      throw new UserError(`${flag} ${file}: is a directory; give the path of a file to write.`);
    }
    if (target?.isSocket() === true || (target?.isFIFO() === true && !fifoHasReader(file))) {
      throw new UserError(
        `${flag} ${file}: is a ${target.isSocket() ? "socket" : "FIFO that no process reads"}, so writing to it would fail or wait for ever; give the path of a file to write.`,
      );
    }
    const dir = path.dirname(file);
    if (target === undefined && statusOf(flag, dir)?.isDirectory() !== true) {
      throw new UserError(
        `${flag} ${file}: cannot be written: directory ${dir} does not exist. Create it or give another path.`,
      );
    }
  }
}

/** Writes all of `chunk` to `fd` (a pipe may take a part at a time). */
function writeAll(fd: number, chunk: string): void {
  const bytes = Buffer.from(chunk);
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
}

/**
 * Writes one output file of a command as its text comes, refusing with one line naming the flag
 * and the file.
 */
export function writeOutput(flag: string, file: string, text: OutputText): void {
  try {
    const fd = openSync(file, "w");
    try {
      if (typeof text === "string") writeAll(fd, text);
      else
        text((chunk) => {
          writeAll(fd, chunk);
        });
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UserError(`${flag} ${file}: cannot be written (${code}).`);
  } finally {
    const held = heldFifos.get(file);
    heldFifos.delete(file);
    if (held !== undefined) closeSync(held);
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

/** How much of a parity report the terminal shows (`--resources`, `--details`, `--quiet`). */
export interface ReportViewOptions {
  readonly resources?: boolean;
  readonly details?: boolean;
  readonly quiet?: boolean;
}

/**
 * {@link emit} for a parity report (`plan`, `diff`): colour as {@link useColor} decides, the
 * markdown footed with the commit and run GitHub Actions describes, and in Actions one error
 * annotation per finding. Findings of any section exit 1.
 */
export function emitReport(report: ParityReport, options: OutputOptions & ReportViewOptions): void {
  const env = process.env;
  const sections = sectionsOf(report, { text: () => [], markdown: () => [] });
  // The parity section comes first, one sentence per report finding, in the same order.
  const findings = sections.flatMap((s, i) =>
    s.findings.map((text, j) => ({
      title: s.title,
      text,
      where: i === 0 ? report.findings[j]?.where : undefined,
    })),
  );
  const text = renderText(report, {
    color: useColor(process.stdout.isTTY, env),
    resources: options.resources === true,
    details: options.details === true,
    quiet: options.quiet === true,
  });
  emit(
    {
      warnings: report.notes,
      text: env.GITHUB_ACTIONS === "true" ? `${text}${errorAnnotations(findings)}` : text,
      json: () => (sink) => {
        writeReportJson(report, sink);
      },
      markdown: () => renderMarkdown(report, githubContext(env)),
      findings: !sections.every((s) => s.ok),
    },
    options,
  );
}
