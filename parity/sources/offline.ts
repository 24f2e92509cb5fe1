import { z } from "zod";
import type { EvaluatedStack } from "../offline/evaluate";
import { Evaluations } from "../offline/evaluations";
import { KEY_NAMES, declarationOf, type StackValues } from "../../stacks/keys";
import type { RawResource, RawStack } from "../graph/raw";
import type { RecordedResource } from "../offline/recorder";

/**
 * The identity values of a stack that appear inside resource properties (hostname, zone id, image
 * reference…): the string values of its identity keys, secrets left out, keyed by placeholder.
 */
export function identityStrings(values: Readonly<StackValues>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEY_NAMES) {
    const decl = declarationOf(name);
    const value = values[name];
    const enumeration = decl.schema instanceof z.ZodEnum;
    if (
      decl.class === "identity" &&
      decl.secret !== true &&
      !enumeration &&
      typeof value === "string"
    ) {
      out[`{${name}}`] = value;
    }
  }
  return out;
}

/** What the offline recorder captured, in the shape every source reads into. */
export function rawFromRecorded(resources: readonly RecordedResource[]): RawResource[] {
  return resources.map((r) => ({
    urn: r.urn,
    type: r.type,
    custom: r.custom,
    id: r.id,
    parent: r.parent,
    provider: r.provider,
    dependencies: r.dependencies,
    propertyDependencies: {},
    inputs: r.inputs,
    outputs: r.outputs,
    protect: r.protect,
    ...(r.sourcePosition === undefined ? {} : { sourcePosition: r.sourcePosition }),
  }));
}

/**
 * Evaluates a committed stack (or a `pr-<n>` stack) offline under the mocks with that
 * stack's own config plus `config` (once per `evaluations`), and returns what it registered.
 */
export async function readOfflineStack(
  projectDir: string,
  stack: string,
  config?: Readonly<Record<string, string | undefined>>,
  evaluations: Evaluations = new Evaluations(),
): Promise<RawStack> {
  return rawStackOf(await evaluations.evaluate({ projectDir, stack, config }));
}

/** An offline evaluation in the shape every source reads into. */
export function rawStackOf(evaluated: EvaluatedStack): RawStack {
  return {
    name: evaluated.stack,
    source: `offline evaluation of ${evaluated.program}`,
    resources: rawFromRecorded(evaluated.resources),
    notes: [],
    values: evaluated.spec.values,
    identity: identityStrings(evaluated.spec.values),
  };
}
