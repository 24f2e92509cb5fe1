import { z } from "zod";
import { UserError } from "../../components/errors";
import { parseUrn } from "../graph/urn";
import type { SourceFormat } from "./report";

/** One resource's state as a step carries it. */
export interface StepState {
  readonly id: string | undefined;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** One property path in a step's detailed diff. */
export interface StepPropertyDiff {
  readonly path: string;
  readonly kind: string;
  readonly inputDiff: boolean;
}

/**
 * One engine step, the same whether it came from preview JSON or from an event log (whose step
 * metadata names `diffReasons` `diffs` and `kind` `diffKind`).
 */
export interface Step {
  readonly op: string;
  readonly urn: string;
  readonly type: string;
  readonly old: StepState | undefined;
  readonly new: StepState | undefined;
  /** Top-level properties that differ (`diffReasons` / `diffs`). */
  readonly diffReasons: readonly string[];
  readonly detailedDiff: readonly StepPropertyDiff[] | undefined;
}

/** The steps of one input file, in the order the engine reported them. */
export interface StepSource {
  readonly file: string;
  readonly format: SourceFormat;
  readonly steps: readonly Step[];
  readonly engineSummary: Readonly<Record<string, number>> | undefined;
}

const state = z
  .looseObject({
    id: z.string().optional(),
    inputs: z.record(z.string(), z.unknown()).nullish(),
    outputs: z.record(z.string(), z.unknown()).nullish(),
  })
  .nullish();

const propertyDiff = z.looseObject({
  kind: z.string().optional(),
  diffKind: z.string().optional(),
  inputDiff: z.boolean().optional(),
});

const detailedDiff = z.record(z.string(), propertyDiff).nullish();

const previewStep = z.looseObject({
  op: z.string(),
  urn: z.string(),
  oldState: state,
  newState: state,
  diffReasons: z.array(z.string()).nullish(),
  detailedDiff,
});

const previewJson = z.looseObject({
  steps: z.array(previewStep),
  changeSummary: z.record(z.string(), z.number()).nullish(),
});

const stepMetadata = z.looseObject({
  op: z.string(),
  urn: z.string(),
  type: z.string().optional(),
  old: state,
  new: state,
  diffs: z.array(z.string()).nullish(),
  detailedDiff,
});

const engineEvent = z.looseObject({
  sequence: z.number(),
  resourcePreEvent: z.looseObject({ metadata: stepMetadata }).optional(),
  resOutputsEvent: z.looseObject({ metadata: stepMetadata }).optional(),
  summaryEvent: z
    .looseObject({ resourceChanges: z.record(z.string(), z.number()).nullish() })
    .optional(),
});

/** The resource type a URN names: `urn:pulumi:stack::project::parent$type::name` → `type`. */
function typeFromUrn(urn: string): string {
  return parseUrn(urn)?.type ?? "";
}

function toState(raw: z.infer<typeof state>): StepState | undefined {
  if (raw === null || raw === undefined) return undefined;
  return { id: raw.id, inputs: raw.inputs ?? {}, outputs: raw.outputs ?? {} };
}

function toDetailedDiff(raw: z.infer<typeof detailedDiff>): StepPropertyDiff[] | undefined {
  if (raw === null || raw === undefined) return undefined;
  return Object.entries(raw).map(([path, diff]) => ({
    path,
    kind: diff.kind ?? diff.diffKind ?? "update",
    inputDiff: diff.inputDiff ?? false,
  }));
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "it does not match the expected shape";
  const where = issue.path.length === 0 ? "the top level" : `\`${issue.path.join(".")}\``;
  return `at ${where}: ${issue.message}`;
}

const EXPECTED =
  "`pulumi refresh --preview-only --json`, `pulumi preview --json` or an engine event log (`--event-log`)";

function wrongFormat(file: string, what: string): UserError {
  return new UserError(
    `${file}: ${what}. parity drift reads ${EXPECTED}; run one of those and pass its output.`,
  );
}

function readPreviewJson(file: string, document: unknown): StepSource {
  const parsed = previewJson.safeParse(document);
  if (!parsed.success) {
    throw wrongFormat(file, `is JSON but not a Pulumi preview (${describeIssue(parsed.error)})`);
  }
  return {
    file,
    format: "preview-json",
    steps: parsed.data.steps.map((step) => ({
      op: step.op,
      urn: step.urn,
      type: typeFromUrn(step.urn),
      old: toState(step.oldState),
      new: toState(step.newState),
      diffReasons: step.diffReasons ?? [],
      detailedDiff: toDetailedDiff(step.detailedDiff),
    })),
    engineSummary: parsed.data.changeSummary ?? undefined,
  };
}

function readEventLog(file: string, lines: readonly string[]): StepSource {
  const steps: Step[] = [];
  let engineSummary: Record<string, number> | undefined;
  lines.forEach((line, index) => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw wrongFormat(file, `line ${index + 1} is not JSON, so this is not an engine event log`);
    }
    const parsed = engineEvent.safeParse(json);
    if (!parsed.success) {
      throw wrongFormat(
        file,
        `line ${index + 1} is not an engine event (${describeIssue(parsed.error)})`,
      );
    }
    const event = parsed.data;
    const metadata = event.resourcePreEvent?.metadata ?? event.resOutputsEvent?.metadata;
    if (metadata !== undefined) {
      steps.push({
        op: metadata.op,
        urn: metadata.urn,
        type: metadata.type ?? typeFromUrn(metadata.urn),
        old: toState(metadata.old),
        new: toState(metadata.new),
        diffReasons: metadata.diffs ?? [],
        detailedDiff: toDetailedDiff(metadata.detailedDiff),
      });
    }
    engineSummary = event.summaryEvent?.resourceChanges ?? engineSummary;
  });
  return { file, format: "event-log", steps, engineSummary };
}

/** Known Pulumi JSON documents that are not step diffs, by a top-level key they always have. */
const OTHER_PULUMI_DOCUMENTS: readonly [string, string][] = [
  ["deployment", "a stack export (`pulumi stack export`)"],
  ["checkpoint", "a DIY-backend checkpoint file"],
];

/**
 * Reads the steps of one file's text: preview JSON (one JSON document with `steps`) or an engine
 * event log (one JSON event a line). Throws a {@link UserError} for an empty file or any other
 * format, naming the file and what it looked like.
 */
export function readSteps(file: string, text: string): StepSource {
  if (text.trim() === "") throw wrongFormat(file, "is empty");
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
    if (!lines.every((line) => line.trimStart().startsWith("{"))) {
      throw wrongFormat(file, "is neither JSON nor JSON lines");
    }
    return readEventLog(file, lines);
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw wrongFormat(file, "is JSON but not an object");
  }
  if ("sequence" in document) return readEventLog(file, [text]);
  for (const [key, what] of OTHER_PULUMI_DOCUMENTS) {
    if (key in document) throw wrongFormat(file, `is ${what}, which holds state, not changes`);
  }
  return readPreviewJson(file, document);
}
