import type { EventEmitter } from "node:events";
import { EXIT } from "./exit";

/** The parts of `process` that running `parity` as a process uses. */
export interface ParityProcess extends Pick<EventEmitter, "on"> {
  exitCode?: number | string | null | undefined;
  readonly stdout: Pick<EventEmitter, "on">;
  readonly stderr: { write(text: string): unknown };
}

/** What `parity` says when the process ends before its command settled. */
export const UNSETTLED =
  "parity: internal error: the command ended before reaching a verdict (something it waited for never finished).";

/**
 * Runs `command` (resolving to an exit code) as the whole process. The exit code starts at
 * internal error, so a process that ends before the command settled (a promise that never
 * settles, an event loop that empties) exits 3 with one line, never 0. A reader that goes away
 * (`parity … | head`) ends the output quietly: EPIPE on stdout is not an error to report.
 */
export async function runAsProcess(
  command: () => Promise<number>,
  proc: ParityProcess = process,
): Promise<void> {
  proc.exitCode = EXIT.internal;
  let settled = false;
  proc.on("exit", () => {
    if (settled) return;
    proc.stderr.write(`${UNSETTLED}\n`);
    proc.exitCode = EXIT.internal;
  });
  proc.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  const code = await command();
  settled = true;
  proc.exitCode = code;
}
