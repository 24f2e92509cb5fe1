import { setFlagsFromString } from "node:v8";
import { MAX_JSON_DEPTH } from "../json-depth";

/** What V8 says of a pattern its linear-time engine cannot run. */
const NOT_LINEAR = "Cannot be executed in linear time";
/** The flag of V8's linear-time engine, which ESLint's list of flags does not know. */
const LINEAR_FLAG = "l";

/**
 * `source` compiled for V8's linear-time engine (the `l` flag, enabled here: Node leaves it off),
 * so a pattern from an ignore file cannot backtrack for ever on a long value. Backreferences and
 * lookarounds need backtracking; a pattern with them is refused.
 */
function linearRegExp(source: string): RegExp {
  // Compiled without the flag first, only for its syntax errors, which then read as written.
  new RegExp(source);
  setFlagsFromString("--enable-experimental-regexp-engine");
  try {
    return new RegExp(source, LINEAR_FLAG);
  } catch (error) {
    if (!(error instanceof SyntaxError) || !error.message.includes(NOT_LINEAR)) throw error;
    throw new SyntaxError(
      `/${source}/ uses a backreference or a lookaround, which cannot run in linear time`,
      { cause: error },
    );
  }
}

/** A compiled ignore pattern. */
export interface Pattern {
  /** The glob as written, or the regular expression's source. */
  readonly source: string;
  /** Whether the pattern matches `text`. */
  test(text: string): boolean;
  /** Whether it matches the property path `path` or one it lies below (`tags` covers `tags.Owner`). */
  covers(path: string): boolean;
}

/** Where a property path may be cut into a shorter path above it: before each `.` and `[`. */
function cuts(path: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < path.length; i++) {
    if (path[i] === "." || path[i] === "[") out.push(i);
  }
  return out;
}

/**
 * A glob where `*` matches any run of characters, matched without a regular expression: the
 * parts between stars are found left to right with `indexOf`, so a long value and many stars
 * take time in proportion to their lengths (a `.*` regex per star would backtrack polynomially).
 */
export function globPattern(glob: string): Pattern {
  const parts = glob.split("*");
  const first = parts[0] ?? "";
  const last = parts.length > 1 ? (parts.at(-1) ?? "") : undefined;
  const middle = parts.slice(1, -1);

  /** Where the middle parts end when placed as early as possible after `first`, or -1. */
  const middleEnd = (text: string): number => {
    let at = first.length;
    for (const part of middle) {
      const found = text.indexOf(part, at);
      if (found === -1) return -1;
      at = found + part.length;
    }
    return at;
  };
  /** Whether the glob matches `text.slice(0, end)`, given the middle parts' end. */
  const matchesUpTo = (text: string, end: number, after: number): boolean => {
    if (last === undefined) return end === first.length;
    return end - last.length >= after && text.startsWith(last, end - last.length);
  };
  const covers = (path: string, boundaries: readonly number[]): boolean => {
    if (!path.startsWith(first)) return false;
    const after = middleEnd(path);
    if (after === -1) return false;
    return boundaries.some((end) => matchesUpTo(path, end, after));
  };
  return {
    source: glob,
    test: (text) => covers(text, [text.length]),
    covers: (path) => covers(path, [...cuts(path), path.length]),
  };
}

/**
 * A regular expression searched in the value (the ignore file's own `/regex/`), run in linear
 * time ({@link linearRegExp}). A path is tried
 * whole and cut at its first {@link MAX_JSON_DEPTH} boundaries: no value nests deeper, and this
 * keeps the number of searches independent of the path's length.
 */
export function regexPattern(source: string): Pattern {
  const regex = linearRegExp(source);
  return {
    source,
    test: (text) => regex.test(text),
    covers: (path) =>
      regex.test(path) ||
      cuts(path)
        .slice(0, MAX_JSON_DEPTH)
        .some((end) => regex.test(path.slice(0, end))),
  };
}
