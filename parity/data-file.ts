import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { z } from "zod";
import { UserError } from "../components/errors";
import { firstIssue } from "./zod-issue";

/**
 * Reads a data file shipped with the checker (a YAML or JSON table: durations, readiness rules,
 * version calendars) and checks it against `schema`. A file that does not parse, or does not hold
 * `what`, is refused in one line naming the file and the first problem.
 */
export function readDataFile<T extends z.ZodType>(
  file: string,
  schema: T,
  what: string,
): z.infer<T> {
  let data: unknown;
  try {
    data = parse(readFileSync(file, "utf8")) as unknown;
  } catch (error) {
    throw new UserError(
      `${file}: cannot be read as ${what} (${error instanceof Error ? error.message.split("\n")[0] : String(error)}). Fix: restore it with git checkout -- ${file}.`,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new UserError(
      `${file}: not ${what} (${firstIssue(parsed.error)}). Fix the entry, or restore the file with git checkout -- ${file}.`,
    );
  }
  return parsed.data;
}
