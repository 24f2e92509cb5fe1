import { readFileSync } from "node:fs";
import { UserError } from "../../components/errors";
import type { RawStack } from "../graph/raw";
import { readCheckpoint, isCheckpoint } from "./checkpoint";
import { isEngineEvent, readEventLog } from "./event-log";
import { knownFormats } from "./formats";
import { parseJson } from "./json-text";
import { isPreview, readPreview } from "./preview";
import { isStackExport, readStackExport } from "./stack-export";

/** The formats a file can be, as {@link detectFormat} names them. */
export type ArtifactFormat = "stack-export" | "checkpoint" | "preview" | "event-log";

/** Which Pulumi artifact a parsed JSON document is, if any. */
export function detectFormat(doc: unknown): ArtifactFormat | undefined {
  if (isStackExport(doc)) return "stack-export";
  if (isCheckpoint(doc)) return "checkpoint";
  if (isPreview(doc)) return "preview";
  if (isEngineEvent(doc)) return "event-log";
  return undefined;
}

function unknownFormat(file: string): UserError {
  return new UserError(
    `${file}: is not a Pulumi artifact this tool reads. Known formats: ${knownFormats()}.`,
  );
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      code === "ENOENT"
        ? `${file}: no such file.`
        : `${file}: cannot be read (${(error as Error).message}).`,
    );
  }
}

/** Parses an event log: one JSON object a line; says which line is broken. */
function parseLines(text: string, file: string): unknown[] {
  const events: unknown[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() !== "") events.push(parseJson(line, `${file}: line ${index + 1}`, index + 1));
  });
  return events;
}

/**
 * Reads a Pulumi JSON artifact: detects which of the known formats it is and reads its resources.
 * A missing file, a file in another format and truncated JSON are {@link UserError}s that say so.
 */
export function readArtifact(file: string): RawStack {
  const text = readText(file);
  const trimmed = text.trim();
  if (trimmed === "") throw unknownFormat(file);
  const lines = trimmed.split("\n");
  const firstLine = lines[0] ?? "";
  if (lines.length > 1 && firstLine.trim().startsWith("{") && isEventLine(firstLine)) {
    const events = parseLines(text, file);
    if (!events.every(isEngineEvent)) throw unknownFormat(file);
    return readEventLog(events, file);
  }
  const doc = parseJson(text, file);
  if (isStackExport(doc)) return readStackExport(doc, file);
  if (isCheckpoint(doc)) return readCheckpoint(doc, file);
  if (isPreview(doc)) return readPreview(doc, file);
  if (isEngineEvent(doc)) return readEventLog([doc], file);
  throw unknownFormat(file);
}

function isEventLine(line: string): boolean {
  try {
    return isEngineEvent(JSON.parse(line));
  } catch {
    return false;
  }
}
