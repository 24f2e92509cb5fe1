import { UserError } from "../../components/errors";

/** Exit codes of every `parity` command. */
export const EXIT = {
  /** Parity holds, no drift, every check passed. */
  ok: 0,
  /** Divergence, drift or a failed check was found. */
  findings: 1,
  /** Bad input or usage: nothing could be decided. */
  usage: 2,
  /** A bug: an internal error with its stack trace. */
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

/** The exit code for something a command threw, printing what the user needs to see. */
export function exitCodeFor(error: unknown, stderr: (line: string) => void): number {
  if (error instanceof ExitError) {
    if (error.message !== "") stderr(error.message);
    return error.code;
  }
  if (error instanceof UserError) {
    stderr(`parity: ${error.message}`);
    return EXIT.usage;
  }
  stderr(
    `parity: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return EXIT.internal;
}
