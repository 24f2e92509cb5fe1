import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** One invocation of a stub command: its name and its arguments. */
export interface StubCall {
  readonly command: string;
  readonly args: readonly string[];
}

/** Separators of the call log: unit separator between fields, record separator after a call. */
const FIELD = "\x1f";
const RECORD = "\x1e";

/**
 * Writes one executable per stub into `binDir`. Each logs its own invocation to `logFile`, then
 * runs its body: a bash script that sees the arguments as `$@`, stdin included.
 */
export function writeStubs(
  binDir: string,
  logFile: string,
  stubs: Readonly<Record<string, string>>,
): void {
  for (const [command, body] of Object.entries(stubs)) {
    const file = path.join(binDir, command);
    const log = JSON.stringify(logFile);
    writeFileSync(
      file,
      [
        "#!/usr/bin/env bash",
        `{ printf '%s' ${JSON.stringify(command)}; for arg in "$@"; do printf '${FIELD}%s' "$arg"; done; printf '${RECORD}'; } >> ${log}`,
        body,
        "",
      ].join("\n"),
    );
    chmodSync(file, 0o755);
  }
}

/** The stub invocations logged so far, in order. */
export function readCalls(logFile: string): StubCall[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, "utf8")
    .split(RECORD)
    .filter((record) => record !== "")
    .map((record) => {
      const [command = "", ...args] = record.split(FIELD);
      return { command, args };
    });
}
