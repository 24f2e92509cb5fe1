import { z } from "zod";
import { check } from "./errors";

/** The kind of value a field holds, as Pulumi config hands it over (config values are strings). */
export type FieldType = "string" | "integer" | "number" | "boolean";

/**
 * What one component arg accepts: the schema that decides, and the same rule in words for error
 * messages. A component validates the arg with it; the stack config loader declares the config key
 * that feeds the arg with the very same rule, so the two cannot disagree.
 */
export interface FieldRule<T> {
  readonly type: FieldType;
  readonly schema: z.ZodType<T>;
  /** What is allowed, phrased to follow "must be": "an integer from 1 to 15". */
  readonly allowed: string;
}

export function integer(min: number, max: number): FieldRule<number> {
  return {
    type: "integer",
    schema: z.number().int().min(min).max(max),
    allowed: `an integer from ${min} to ${max}`,
  };
}

/** A number from `min` to `max`; with `step`, only multiples of it. */
export function decimal(min: number, max: number, step?: number): FieldRule<number> {
  const range = z.number().min(min).max(max);
  return {
    type: "number",
    schema: step === undefined ? range : range.multipleOf(step),
    allowed: `a number from ${min} to ${max}${step === undefined ? "" : ` in steps of ${step}`}`,
  };
}

export function boolean(): FieldRule<boolean> {
  return { type: "boolean", schema: z.boolean(), allowed: "true or false" };
}

export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
): FieldRule<T[number]> {
  return {
    type: "string",
    schema: z.enum(values),
    allowed: `one of ${values.map((v) => `"${v}"`).join(", ")}`,
  };
}

export function oneOfNumbers<const T extends readonly [number, ...number[]]>(
  values: T,
): FieldRule<T[number]> {
  const [first, ...rest] = values.map((v) => z.literal(v));
  return {
    type: "integer",
    schema: first === undefined ? z.never() : z.union([first, ...rest]),
    allowed: `one of ${values.join(", ")}`,
  };
}

export function matching(pattern: RegExp, allowed: string): FieldRule<string> {
  return { type: "string", schema: z.string().regex(pattern), allowed };
}

/** A comma-separated list, each item allowed by `item`; `allowed` describes the whole list. */
export function commaSeparated(item: FieldRule<string>, allowed: string): FieldRule<string> {
  return {
    type: "string",
    schema: z
      .string()
      .refine((list) => list.split(",").every((part) => item.schema.safeParse(part).success)),
    allowed,
  };
}

/** A value as an error message shows it: strings quoted, anything else as written. */
export function shown(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

/**
 * Throws a UserError unless `rule` allows `value`:
 * `<owner>: \`<field>\` must be <allowed> (got <value>). <fix>`. `owner` names the component,
 * e.g. `Database "main"`; `field` is the arg's path, e.g. `capacity.minAcu`.
 */
export function checkField<T>(
  owner: string,
  field: string,
  rule: FieldRule<T>,
  value: unknown,
  fix?: string,
): asserts value is T {
  check(
    rule.schema.safeParse(value).success,
    () =>
      `${owner}: \`${field}\` must be ${rule.allowed} (got ${shown(value)}).${fix === undefined ? "" : ` ${fix}`}`,
  );
}
