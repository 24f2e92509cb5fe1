import { closest, distance } from "fastest-levenshtein";
import path from "node:path";
import { UserError } from "../components/errors";

/**
 * A stack config mistake, always phrased the same way so it can be fixed without reading code:
 * `<file>: <key>: <what is wrong>. Allowed: <what is allowed>. Fix: <what to do>.`
 */
export class ConfigError extends UserError {
  constructor(
    readonly file: string,
    readonly key: string,
    problem: string,
    allowed: string,
    fix: string,
  ) {
    super(`${path.basename(file)}: ${key}: ${problem}. Allowed: ${allowed}. Fix: ${fix}.`);
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
