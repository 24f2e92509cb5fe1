import { z } from "zod";
import { ownValue } from "../own";

/** "Any value at all": the input is set, whatever its value. */
export const PRESENT = "*";

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * Which resources a rule means: a type token, and optionally inputs that must hold a value (a
 * dotted path for nested inputs; `"*"` for any value).
 */
export const resourceMatcher = z.strictObject({
  type: z.string().min(1),
  inputs: z.record(z.string().min(1), scalar).optional(),
});

export type ResourceMatcher = z.infer<typeof resourceMatcher>;

interface Matchable {
  readonly type: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

function inputAt(inputs: object, dotted: string): unknown {
  let value: unknown = inputs;
  for (const key of dotted.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = ownValue(value, key);
  }
  return value;
}

/** True when `resource` is of the matcher's type and holds every input it names. */
export function matches(matcher: ResourceMatcher, resource: Matchable): boolean {
  if (resource.type !== matcher.type) return false;
  return Object.entries(matcher.inputs ?? {}).every(([dotted, wanted]) => {
    const value = inputAt(resource.inputs, dotted);
    return wanted === PRESENT ? value !== undefined && value !== null : value === wanted;
  });
}

/** The matcher as people read it: `aws:lb/listener:Listener with protocol HTTPS`. */
export function describeMatcher(matcher: ResourceMatcher): string {
  const inputs = Object.entries(matcher.inputs ?? {}).map(([key, value]) =>
    value === PRESENT ? `${key} set` : `${key} ${String(value)}`,
  );
  return inputs.length === 0 ? matcher.type : `${matcher.type} with ${inputs.join(", ")}`;
}
