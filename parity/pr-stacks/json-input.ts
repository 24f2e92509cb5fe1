import type { z } from "zod";
import { UserError } from "../../components/errors";
import { firstIssue } from "../zod-issue";
import { parseRfc3339 } from "./rfc3339";

/** JSON.parse, refusing text that is not JSON with a message naming the file. */
export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserError(
      `${file} is not JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

/**
 * Parses `text` from `file` as `schema`, or refuses it: "`<file>` is not <what> (<problem>);
 * write it with: <how>".
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  file: string,
  text: string,
  what: string,
  how: string,
): z.infer<T> {
  const parsed = schema.safeParse(parseJson(file, text));
  if (!parsed.success) {
    throw new UserError(
      `${file} is not ${what} (${firstIssue(parsed.error)}); write it with: ${how} > ${file}`,
    );
  }
  return parsed.data;
}

/** An RFC 3339 time as the CLIs print it; refuses anything else (see ./rfc3339.ts). */
export function isoTime(file: string, what: string, value: string): Date {
  const time = parseRfc3339(value);
  if (time === undefined) {
    throw new UserError(
      `${file}: ${what} ${JSON.stringify(value)}, which is not an RFC 3339 time such as 2026-01-31T12:00:00Z. Pass the file the CLI wrote.`,
    );
  }
  return time;
}
