import { UserError } from "../../components/errors";
import { MAX_JSON_DEPTH, nestingExceeds } from "../json-depth";

/** Line and column (both from 1) of character offset `position` in `text`. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf("\n"); at !== -1 && at < position; at = text.indexOf("\n", at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: position - lineStart + 1 };
}

/**
 * Parses `text` as JSON, or throws a {@link UserError} that says where it broke: a truncated file
 * (the usual result of an interrupted `pulumi ... > file`) ends before the JSON does. A value
 * nested deeper than {@link MAX_JSON_DEPTH} is refused too.
 */
export function parseJson(text: string, where: string, firstLine = 1): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message)?.[1];
    const ended = message.includes("end of JSON input");
    if (at === undefined && !ended) {
      // V8 quotes the text around the error, which may hold line breaks and control characters.
      throw new UserError(
        `${where}: is not valid JSON (${message.replace(/[\s\p{Cc}]+/gu, " ")}).`,
      );
    }
    const position = ended ? text.length : Number(at);
    const { line, column } = lineColumn(text, position);
    const atEnd = text.slice(position).trim() === "";
    throw new UserError(
      `${where}: ${atEnd ? "JSON ends too early, the file looks truncated" : "is not valid JSON"}` +
        ` at line ${line + firstLine - 1}, column ${column}. Produce the file again.`,
    );
  }
  if (nestingExceeds(value)) {
    throw new UserError(
      `${where}: nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep, which no Pulumi artifact does; pass the file Pulumi wrote.`,
    );
  }
  return value;
}
