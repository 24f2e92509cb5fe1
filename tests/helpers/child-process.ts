import { spawnSync, type SpawnSyncOptions } from "node:child_process";

/** The most of a child's stderr and stdout a failure message quotes (their ends, where errors are). */
const OUTPUT_TAIL_CHARS = 4000;

function tail(text: string): string {
  return text.length > OUTPUT_TAIL_CHARS ? `…${text.slice(-OUTPUT_TAIL_CHARS)}` : text;
}

/** What `spawnSync` reports; the streams are null when the process never started. */
export interface FinishedChild {
  readonly error?: Error;
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string | null;
  readonly stderr: string | null;
}

/**
 * Why a finished `spawnSync` did not succeed, or undefined when it exited with status 0. Names the
 * cause whichever it was: the process could not start (`error`, e.g. EACCES when a parent
 * directory is closed to the user it runs as), it was killed by a signal, or it exited non-zero;
 * then what it wrote to stderr and stdout.
 */
export function childFailure(label: string, result: FinishedChild): string | undefined {
  if (result.error === undefined && result.status === 0) return undefined;
  const cause =
    result.error !== undefined
      ? `could not run: ${result.error.message}`
      : result.signal !== null
        ? `was killed by ${result.signal}`
        : `exited with status ${result.status ?? "unknown"}`;
  const output = (["stderr", "stdout"] as const).flatMap((stream) => {
    const text = result[stream]?.trimEnd() ?? "";
    return text === "" ? [] : [`\n--- ${stream} ---\n${tail(text)}`];
  });
  return `${label} ${cause}${output.join("")}`;
}

/** Runs `file` to completion; throws {@link childFailure}'s message unless it exits with 0. */
export function runChecked(
  label: string,
  file: string,
  args: readonly string[],
  options: SpawnSyncOptions,
): string {
  const result = spawnSync(file, args, { ...options, encoding: "utf8" });
  const failure = childFailure(label, result);
  if (failure !== undefined) throw new Error(failure);
  return result.stdout;
}
