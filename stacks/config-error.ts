import { closest, distance } from "fastest-levenshtein";
import path from "node:path";
import { UserError } from "../components/errors";
import type { Position } from "./project-files";

/**
 * A stack config mistake, always phrased the same way so it can be fixed without reading code:
 * `<file>[:<line>:<column>]: <key>: <what is wrong>. Allowed: <what is allowed>. Fix: <what to do>.`
 * The position is the key's, when the file writes it.
 */
export class ConfigError extends UserError {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly problem: string,
    readonly allowed: string,
    readonly fix: string,
    readonly at?: Position,
  ) {
    const place = at === undefined ? "" : `:${at.line}:${at.column}`;
    super(`${path.basename(file)}${place}: ${key}: ${problem}. Allowed: ${allowed}. Fix: ${fix}.`);
  }

  /** The same mistake, placed where its key is written. */
  placed(at: Position | undefined): ConfigError {
    return at === undefined
      ? this
      : new ConfigError(this.file, this.key, this.problem, this.allowed, this.fix, at);
  }
}

/** Every config mistake found in one run, one line each, in the order the files write them. */
export class ConfigErrors extends UserError {
  constructor(readonly mistakes: readonly ConfigError[]) {
    super(mistakes.map((error) => error.message).join("\n"));
  }
}

/** " (did you mean "x"?)" when a known name is a likely typo of `name`, else "". */
export function didYouMean(name: string, known: readonly string[]): string {
  if (known.length === 0) return "";
  const best = closest(name, [...known]);
  return distance(name.toLowerCase(), best.toLowerCase()) <= Math.max(2, name.length / 4)
    ? ` (did you mean "${best}"?)`
    : "";
}
