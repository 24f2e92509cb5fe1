import type { z } from "zod";
import { UserError } from "../../components/errors";
import { InputFile, decodeUtf8 } from "./input-file";
import { FORMAT_NAMES, formatList, type ArtifactFormat } from "./formats";
import { parseJson } from "./json-text";
import {
  checkpoint,
  describeIssue,
  engineEvent,
  preview,
  stackExport,
  type Checkpoint,
  type EngineEvent,
  type Preview,
  type StackExport,
} from "./schemas";
import { checkStateUrns, checkStepUrns } from "./unique-urns";

/** Deployment versions of `pulumi stack export` this tool reads. */
export const EXPORT_VERSIONS = [3, 4] as const;

/** A Pulumi artifact whose format is known and whose required parts are all there. */
export type Artifact =
  | { readonly file: string; readonly format: "stack-export"; readonly document: StackExport }
  | { readonly file: string; readonly format: "checkpoint"; readonly document: Checkpoint }
  | { readonly file: string; readonly format: "preview"; readonly document: Preview }
  | {
      readonly file: string;
      readonly format: "event-log";
      /**
       * The events, read from the file as they are iterated (once). A log can hold several runs,
       * each starting with a prelude ({@link startsRun}); the iteration fails at the end when the
       * last run has no summary event (it was killed or cancelled) or failed.
       */
      readonly events: AsyncIterable<EngineEvent>;
    };

/** The top-level key each single-document format always has, in the order they are tried. */
const DOCUMENT_KEYS: readonly (readonly [string, Exclude<ArtifactFormat, "event-log">])[] = [
  ["deployment", "stack-export"],
  ["checkpoint", "checkpoint"],
  ["steps", "preview"],
];

function validated<T extends z.ZodType>(
  schema: T,
  value: unknown,
  file: string,
  what: string,
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new UserError(`${file}: is not a complete ${what} (${describeIssue(parsed.error)}).`);
  }
  return parsed.data;
}

/**
 * Whether the file is JSON lines: its first line is a whole JSON object that is an engine event,
 * or that more lines follow (then each line is read, and checked, as an event).
 */
function isJsonLines(head: Buffer, size: number): boolean {
  const end = head.indexOf(0x0a);
  if (end === -1) return false;
  let first: unknown;
  try {
    first = JSON.parse(head.subarray(0, end).toString("utf8"));
  } catch {
    return false;
  }
  if (typeof first !== "object" || first === null || Array.isArray(first)) return false;
  return "sequence" in first || size > head.length || head.subarray(end).toString().trim() !== "";
}

/**
 * Whether `event` starts a run: the engine writes a prelude first. A reader of an event log keeps
 * only what the last run reported.
 */
export function startsRun(event: EngineEvent): boolean {
  return event.preludeEvent !== undefined;
}

async function* engineEvents(handle: InputFile): AsyncGenerator<EngineEvent> {
  const file = handle.file;
  let summary: EngineEvent["summaryEvent"];
  let cancelled = false;
  for await (const { bytes, number } of handle.lines()) {
    const where = `${file}: line ${number}`;
    const text = decodeUtf8(bytes, where);
    if (text.trim() === "") continue;
    const event = validated(engineEvent, parseJson(text, where, number), where, "engine event");
    if (startsRun(event)) {
      summary = undefined;
      cancelled = false;
    }
    summary = event.summaryEvent ?? summary;
    cancelled ||= event.cancelEvent !== undefined;
    yield event;
  }
  if (summary === undefined) {
    const why = cancelled ? "the run was cancelled" : "the run was cut short (killed or crashed)";
    throw new UserError(
      `${file}: the event log ends without its summary event: ${why}, so it does not show every resource. Run the command again to completion.`,
    );
  }
  if (summary.result !== undefined && summary.result !== "succeeded") {
    throw new UserError(
      `${file}: the run ended "${summary.result}", so the event log does not show every resource. Run the command again to completion.`,
    );
  }
}

function readDocument(file: string, doc: unknown, accepted: readonly ArtifactFormat[]): Artifact {
  const known = `Known formats: ${formatList(accepted)}.`;
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    const got = doc === null ? "null" : Array.isArray(doc) ? "an array" : typeof doc;
    throw new UserError(`${file}: is JSON but not an object (got ${got}). ${known}`);
  }
  const format = DOCUMENT_KEYS.find(([key]) => Object.hasOwn(doc, key))?.[1];
  if ("sequence" in doc) {
    throw new UserError(
      `${file}: is one engine event, not a whole event log: the log ends without its summary event. Pass the whole file \`--event-log\` wrote.`,
    );
  }
  if (format === undefined) {
    throw new UserError(`${file}: is not a Pulumi artifact this tool reads. ${known}`);
  }
  refuseUnaccepted(file, format, accepted);
  switch (format) {
    case "stack-export": {
      const version = (doc as { version?: unknown }).version;
      if (!EXPORT_VERSIONS.some((v) => v === version)) {
        throw new UserError(
          `${file}: \`pulumi stack export\` deployment version ${version === undefined ? "(none)" : JSON.stringify(version)} is not supported. Allowed: ${EXPORT_VERSIONS.join(", ")}. Fix: export with a Pulumi CLI from v3.`,
        );
      }
      const document = validated(stackExport, doc, file, "stack export");
      checkStateUrns(file, document.deployment.resources, "deployment.resources");
      return { file, format, document };
    }
    case "checkpoint": {
      const document = validated(checkpoint, doc, file, "checkpoint");
      checkStateUrns(file, document.checkpoint.latest?.resources, "checkpoint.latest.resources");
      return { file, format, document };
    }
    case "preview": {
      const document = validated(preview, doc, file, "preview");
      checkStepUrns(file, document.steps);
      return { file, format, document };
    }
  }
}

function refuseUnaccepted(
  file: string,
  format: ArtifactFormat,
  accepted: readonly ArtifactFormat[],
): void {
  if (accepted.includes(format)) return;
  throw new UserError(
    `${file}: is ${FORMAT_NAMES[format]}, which this command does not read. Pass ${formatList(accepted)}.`,
  );
}

/**
 * Opens a Pulumi artifact and tells its format: JSON lines (see {@link isJsonLines}) are an event
 * log (read as a stream when iterated); anything else is one JSON document, parsed and
 * checked against its format's schema. Every problem — a missing or unreadable file, a FIFO or
 * device, the wrong encoding, a size over the limit, broken JSON, a missing or mistyped required
 * part, a URN that two resources share, a format `accepted` leaves out — is a {@link UserError}
 * naming the file.
 */
export async function openArtifact<F extends ArtifactFormat>(
  file: string,
  accepted: readonly F[],
): Promise<Extract<Artifact, { format: F }>> {
  const handle = await InputFile.open(file);
  if (isJsonLines(handle.head, handle.size)) {
    try {
      refuseUnaccepted(file, "event-log", accepted);
    } catch (error) {
      await handle.close();
      throw error;
    }
    const log: Artifact = { file, format: "event-log", events: engineEvents(handle) };
    return log as Extract<Artifact, { format: F }>;
  }
  const text = await handle.text();
  if (text.trim() === "") {
    throw new UserError(`${file}: is empty. Pass ${formatList(accepted)}.`);
  }
  return readDocument(file, parseJson(text, file), accepted) as Extract<Artifact, { format: F }>;
}
