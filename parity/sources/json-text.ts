import { UserError } from "../../components/errors";

/** Line and column (both from 1) of character offset `position` in `text`. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const lastBreak = before.lastIndexOf("\n");
  return { line: before.split("\n").length, column: position - lastBreak };
}

/**
 * Parses `text` as JSON, or throws a {@link UserError} that says where it broke: a truncated file
 * (the usual result of an interrupted `pulumi ... > file`) ends before the JSON does.
 */
export function parseJson(text: string, where: string, firstLine = 1): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message)?.[1];
    const ended = /end of JSON input/.test(message);
    if (at === undefined && !ended) {
      throw new UserError(`${where}: is not valid JSON (${message}).`);
    }
    const position = ended ? text.length : Number(at);
    const { line, column } = lineColumn(text, position);
    const atEnd = text.slice(position).trim() === "";
    throw new UserError(
      `${where}: ${atEnd ? "JSON ends too early, the file looks truncated" : "is not valid JSON"}` +
        ` at line ${line + firstLine - 1}, column ${column}. Produce the file again.`,
    );
  }
}
