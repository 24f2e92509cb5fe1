import { z } from "zod";

/**
 * The class of a config key decides where it may be set and whether stacks may differ in it.
 * - `topology`: identical in every stack; set only in Pulumi.yaml's project `config:`.
 * - `scale`: a declared knob; may differ between stacks; set in each stack file.
 * - `identity`: differs by nature (hostname, lifecycle, image source); set in each stack file.
 */
export type KeyClass = "topology" | "scale" | "identity";

/** How Pulumi hands the value to the program: config values arrive as strings. */
export type ConfigType = "string" | "integer" | "number" | "boolean";

/**
 * A property of a registered resource that a knob explains when it differs between stacks:
 * the resource type token (`*` matches every type) and a dotted property path (`*` matches one
 * path segment). `on` says what the path names: an input property (the default), a resource
 * option such as `protect`, or — with `presence` — whether resources of the type exist at all.
 */
export interface Drives {
  readonly type: string;
  readonly path: string;
  readonly on?: "input" | "option" | "presence";
}

/** The parsed schema of a key, its Pulumi config type and a human description of what is allowed. */
export interface ValueRule<T> {
  readonly type: ConfigType;
  readonly schema: z.ZodType<T>;
  readonly allowed: string;
}

export interface KeyDeclaration<T = unknown> extends ValueRule<T> {
  readonly class: KeyClass;
  readonly description: string;
  /** Used when no file sets the key. Topology keys take theirs from Pulumi.yaml instead. */
  readonly default?: T;
  /** Secret keys are read, never printed, and must be set with `pulumi config set --secret`. */
  readonly secret?: boolean;
  /** Optional keys may stay unset: the value is then `undefined`. */
  readonly optional?: boolean;
  /** Resource properties this key explains when two stacks differ in them (read by the checker). */
  readonly drives?: readonly Drives[];
}

type Extra<T> = Omit<KeyDeclaration<T>, keyof ValueRule<T> | "class" | "description">;

export function integer(min: number, max: number): ValueRule<number> {
  return {
    type: "integer",
    schema: z.number().int().min(min).max(max),
    allowed: `an integer from ${min} to ${max}`,
  };
}

export function decimal(min: number, max: number): ValueRule<number> {
  return {
    type: "number",
    schema: z.number().min(min).max(max),
    allowed: `a number from ${min} to ${max}`,
  };
}

export function boolean(): ValueRule<boolean> {
  return { type: "boolean", schema: z.boolean(), allowed: "true or false" };
}

export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
): ValueRule<T[number]> {
  return {
    type: "string",
    schema: z.enum(values),
    allowed: `one of ${values.map((v) => `"${v}"`).join(", ")}`,
  };
}

export function oneOfNumbers<const T extends readonly [number, ...number[]]>(
  values: T,
): ValueRule<T[number]> {
  const [first, ...rest] = values.map((v) => z.literal(v));
  return {
    type: "integer",
    schema: first === undefined ? z.never() : z.union([first, ...rest]),
    allowed: `one of ${values.join(", ")}`,
  };
}

export function matching(pattern: RegExp, allowed: string): ValueRule<string> {
  return { type: "string", schema: z.string().regex(pattern), allowed };
}

function declare(cls: KeyClass) {
  return <T, const E extends Extra<T> = Extra<T>>(
    rule: ValueRule<T>,
    description: string,
    extra?: E,
  ): KeyDeclaration<T> & E => ({ ...rule, ...(extra as E), class: cls, description });
}

/** Must be identical in every stack; its default lives in Pulumi.yaml. */
export const topology = declare("topology");
/** A declared knob that may differ between stacks. */
export const scale = declare("scale");
/** Differs by nature between stacks: names, lifecycle, where data and images come from. */
export const identity = declare("identity");
