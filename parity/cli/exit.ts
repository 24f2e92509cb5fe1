import type { Command } from "commander";
import { UserError } from "../../components/errors";

/** Exit codes of every `parity` command. */
export const EXIT = {
  /** Parity holds, no drift, every check passed. */
  ok: 0,
  /** Divergence, drift or a failed check was found. */
  findings: 1,
  /** Bad input or usage: nothing could be decided. */
  usage: 2,
  /** A bug: an internal error (its stack trace with `--debug`). */
  internal: 3,
} as const;

/** Ends a command with `code` after it printed its report (or `message` on stderr). */
export class ExitError extends Error {
  constructor(
    readonly code: number,
    message = "",
  ) {
    super(message);
  }
}

/** Whether `--debug` was given to `parity`, as seen from `command` or any of its subcommands. */
export function debugging(command: Command): boolean {
  return command.optsWithGlobals<{ debug?: boolean }>().debug === true;
}

/**
 * The exit code for something a command threw, printing what the user needs to see: one line per
 * mistake, and for an internal error its stack trace only when `debug` is set.
 */
export function exitCodeFor(error: unknown, stderr: (line: string) => void, debug = false): number {
  if (error instanceof ExitError) {
    if (error.message !== "") stderr(error.message);
    return error.code;
  }
  if (error instanceof UserError) {
    // Several mistakes found in one run (a stack file's config) are one line each.
    for (const line of error.message.split("\n")) stderr(`parity: ${line}`);
    return EXIT.usage;
  }
  if (debug) {
    stderr(
      `parity: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  } else {
    const message = error instanceof Error ? error.message : String(error);
    stderr(
      `parity: internal error: ${message.split("\n")[0] ?? ""} (run with --debug for the stack trace)`,
    );
  }
  return EXIT.internal;
}
