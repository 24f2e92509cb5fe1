import path from "node:path";
import { z } from "zod";
import { readDataFile } from "../data-file";
import type { RecordedResource } from "../offline/recorder";
import { matches, resourceMatcher } from "./matcher";

/** The teardown rules shipped with the checker. */
export const TEARDOWN_FILE = path.join(__dirname, "teardown-rules.yaml");

const common = {
  id: z.string().regex(/^[a-z0-9-]+$/),
  effect: z.enum(["blocks", "leaves"]),
  /** A deliberate guard against deleting data, not something that merely still holds data. */
  guard: z.literal(true).optional(),
  why: z.string().min(1),
  fix: z.string().min(1),
  source: z.url(),
};

const rule = z.union([
  z.strictObject({ ...common, option: z.enum(["protect", "retainOnDelete"]) }),
  z.strictObject({
    ...common,
    resource: resourceMatcher,
    unless: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()])).optional(),
    whenStackHas: resourceMatcher.optional(),
  }),
]);

const rules = z
  .strictObject({ rules: z.array(rule).min(1) })
  .refine((file) => new Set(file.rules.map((r) => r.id)).size === file.rules.length, {
    message: "every rule needs an id of its own",
  });

export type TeardownRule = z.infer<typeof rule>;

/** Reads and checks teardown rules (by default the shipped ones). */
export function readTeardownRules(file = TEARDOWN_FILE): readonly TeardownRule[] {
  return readDataFile(file, rules, "teardown rules").rules;
}

/** One resource a teardown rule applies to. */
export interface TeardownHit {
  readonly rule: string;
  /** `blocks`: `pulumi destroy` fails on it; `leaves`: it outlives the stack. */
  readonly effect: "blocks" | "leaves";
  /** A deliberate guard (protection, deletion protection). */
  readonly guard: boolean;
  /** `<type>::<name>`. */
  readonly resource: string;
  readonly why: string;
  readonly fix: string;
  readonly source: string;
}

function applies(
  r: TeardownRule,
  resource: RecordedResource,
  stack: readonly RecordedResource[],
): boolean {
  if ("option" in r) return resource[r.option];
  if (!matches(r.resource, resource)) return false;
  const excused = Object.entries(r.unless ?? {}).some(([key, value]) =>
    matches({ type: resource.type, inputs: { [key]: value } }, resource),
  );
  if (excused) return false;
  const needed = r.whenStackHas;
  return needed === undefined || stack.some((other) => matches(needed, other));
}

/** What stops `pulumi destroy` of the stack and what it leaves behind, resource by resource. */
export function teardownHits(
  resources: readonly RecordedResource[],
  teardownRules: readonly TeardownRule[],
): TeardownHit[] {
  return teardownRules.flatMap((r) =>
    resources
      .filter((resource) => applies(r, resource, resources))
      .map((resource) => ({
        rule: r.id,
        effect: r.effect,
        guard: r.guard === true,
        resource: `${resource.type}::${resource.name}`,
        why: r.why,
        fix: r.fix,
        source: r.source,
      })),
  );
}
