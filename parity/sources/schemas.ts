/**
 * The parts of Pulumi's JSON artifacts this tool relies on, as zod schemas (field names from
 * pulumi/pulumi `sdk/go/common/apitype` and the preview JSON of `pkg/backend/display`). Unknown
 * fields are allowed; a missing or mistyped required part is an error naming its path.
 *
 * Objects whose keys come from the artifact (property values, property paths) are checked but
 * returned as parsed: zod would rebuild them and silently drop a key named `__proto__`.
 */
import { z } from "zod";
import { parseUrn } from "../graph/urn";
import { STEP_OPS } from "./step-ops";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A map of property values, returned as parsed. */
const propertyMap = z.custom<Readonly<Record<string, unknown>>>(isRecord, "expected an object");

/** An object keyed by names from the artifact whose values `value` checks; returned as parsed. */
function keyedBy<T extends z.ZodType>(value: T): z.ZodType<Readonly<Record<string, z.output<T>>>> {
  return z
    .custom<Readonly<Record<string, z.output<T>>>>(isRecord, "expected an object")
    .superRefine((input, ctx) => {
      for (const [key, item] of Object.entries(input)) {
        const result = value.safeParse(item);
        if (result.success) continue;
        for (const issue of result.error.issues) {
          ctx.addIssue({ code: "custom", message: issue.message, path: [key, ...issue.path] });
        }
        return;
      }
    });
}

/**
 * An array whose items `item` checks, stopping at the first bad one (zod would report every bad
 * item of a 200,000-item array); returned as parsed.
 */
function arrayOf<T extends z.ZodType>(item: T): z.ZodType<readonly z.output<T>[]> {
  return z
    .custom<readonly z.output<T>[]>((value) => Array.isArray(value), "expected array")
    .superRefine((items, ctx) => {
      for (const [index, value] of items.entries()) {
        const result = item.safeParse(value);
        if (result.success) continue;
        for (const issue of result.error.issues) {
          ctx.addIssue({ code: "custom", message: issue.message, path: [index, ...issue.path] });
        }
        return;
      }
    });
}

/** Whether `text` is a whole Pulumi URN: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function isUrn(text: string): boolean {
  const urn = parseUrn(text);
  return urn !== undefined && [urn.stack, urn.project, urn.type, urn.name].every((p) => p !== "");
}

const URN_FORMAT = "expected a URN (urn:pulumi:<stack>::<project>::<type>::<name>)";
const urn = z.string().refine(isUrn, URN_FORMAT);
/** A parent or dependency: a URN, or empty where Pulumi writes "" for none. */
const urnOrEmpty = z.string().refine((text) => text === "" || isUrn(text), URN_FORMAT);

/** A step's op: one of the ops the engine defines. */
const stepOp = z
  .string()
  .refine((op) => STEP_OPS.has(op), `expected a Pulumi step op (${[...STEP_OPS].join(", ")})`);

/** Refuses a `type` that is not the type its URN names (`…::<parent types>$<type>::<name>`). */
function typeMatchesUrn(
  resource: { readonly urn: string; readonly type?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  const named = parseUrn(resource.urn)?.type;
  if (resource.type === undefined || named === undefined || named === resource.type) return;
  ctx.addIssue({
    code: "custom",
    path: ["type"],
    message: `${resource.type} contradicts the URN, which names type ${named}`,
  });
}

/** One resource in state (`apitype.ResourceV3`): state files and a preview's old and new state. */
const resourceStateFields = z.looseObject({
  urn,
  type: z.string().min(1),
  custom: z.boolean().optional(),
  delete: z.boolean().optional(),
  id: z.string().optional(),
  parent: urnOrEmpty.optional(),
  provider: z.string().optional(),
  protect: z.boolean().optional(),
  dependencies: z.array(urnOrEmpty).nullish(),
  propertyDependencies: keyedBy(z.array(urnOrEmpty).nullable()).nullish(),
  inputs: propertyMap.nullish(),
  outputs: propertyMap.nullish(),
});
export const resourceState = resourceStateFields.superRefine(typeMatchesUrn);
export type ResourceState = z.output<typeof resourceState>;

/** `apitype.DeploymentV3`: `resources` is left out when the stack has none. */
const deployment = z.looseObject({
  manifest: z.looseObject({}),
  resources: arrayOf(resourceState).nullish(),
});

/** `pulumi stack export` (`apitype.UntypedDeployment`); the version is checked on its own. */
export const stackExport = z.looseObject({ version: z.unknown(), deployment });
export type StackExport = z.output<typeof stackExport>;

/** A DIY-backend checkpoint (`apitype.VersionedCheckpoint` of a `CheckpointV3`). */
export const checkpoint = z.looseObject({
  version: z.number().int(),
  checkpoint: z.looseObject({ stack: z.string().optional(), latest: deployment.nullish() }),
});
export type Checkpoint = z.output<typeof checkpoint>;

/** One property of a detailed diff: `kind` in preview JSON, `diffKind` in the event log. */
const propertyDiff = z.looseObject({
  kind: z.string().optional(),
  diffKind: z.string().optional(),
  inputDiff: z.boolean().optional(),
});
const detailedDiff = keyedBy(propertyDiff).nullish();
export type DetailedDiff = z.output<typeof detailedDiff>;

/** `pulumi preview --json` (and `pulumi refresh --preview-only --json`). */
export const preview = z.looseObject({
  steps: arrayOf(
    z.looseObject({
      op: stepOp,
      urn,
      oldState: resourceState.nullish(),
      newState: resourceState.nullish(),
      diffReasons: z.array(z.string()).nullish(),
      detailedDiff,
    }),
  ),
  changeSummary: keyedBy(z.number()).nullish(),
});
export type Preview = z.output<typeof preview>;

/**
 * A resource's state in an event's step metadata (`apitype.StepEventStateMetadata`): the state's
 * fields without the dependency lists, which the engine leaves out there.
 */
const stepState = resourceStateFields
  .omit({ dependencies: true, propertyDependencies: true })
  .superRefine(typeMatchesUrn);
export type StepState = z.output<typeof stepState>;

/** `apitype.StepEventMetadata`. */
const stepMetadata = z
  .looseObject({
    op: stepOp,
    urn,
    type: z.string().optional(),
    old: stepState.nullish(),
    new: stepState.nullish(),
    diffs: z.array(z.string()).nullish(),
    detailedDiff,
  })
  .superRefine(typeMatchesUrn);
export type StepMetadata = z.output<typeof stepMetadata>;

/** One line of an engine event log (`apitype.EngineEvent`), with the events this tool reads. */
export const engineEvent = z.looseObject({
  sequence: z.number().int(),
  timestamp: z.number(),
  /** The first event of each run the log holds. */
  preludeEvent: z.looseObject({}).optional(),
  resourcePreEvent: z.looseObject({ metadata: stepMetadata }).optional(),
  resOutputsEvent: z.looseObject({ metadata: stepMetadata }).optional(),
  summaryEvent: z
    .looseObject({
      resourceChanges: keyedBy(z.number()).nullish(),
      /** `succeeded`, `failed` or `canceled`; engines before v3.170 leave it out. */
      result: z.string().optional(),
    })
    .optional(),
  cancelEvent: z.looseObject({}).optional(),
});
export type EngineEvent = z.output<typeof engineEvent>;

/** A zod path as written in JavaScript: `deployment.resources[3].urn`, `detailedDiff["a.b"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === "number") return `[${segment}]`;
      const name = String(segment);
      if (/^[A-Za-z_$][\w$]*$/.test(name)) return index === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join("");
}

/** The first problem zod found, where it is and what was expected. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "it does not match the expected shape";
  const where = issue.path.length === 0 ? "the top level" : `\`${formatPath(issue.path)}\``;
  return `at ${where}: ${issue.message.replace(/^Invalid input: /, "")}`;
}
