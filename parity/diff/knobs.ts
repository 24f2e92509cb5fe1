import { isDeepStrictEqual } from "node:util";
import { KEY_NAMES, declarationOf, type KeyName, type StackValues } from "../../stacks/keys";
import type { Drives } from "../../stacks/key-types";

/** A declared knob and what it drives. */
export interface Knob {
  readonly key: KeyName;
  readonly drives: readonly Drives[];
}

/** Every key of stacks/keys.ts that declares what it drives. */
export function declaredKnobs(): Knob[] {
  return KEY_NAMES.flatMap((key) => {
    const drives = declarationOf(key).drives;
    return drives === undefined ? [] : [{ key, drives }];
  });
}

/**
 * The config keys two stacks may differ in — scale and identity keys — whose values differ (a
 * secret, read offline as a placeholder, by whether it is set): what one stack takes from the
 * other to show which differences the config causes.
 */
export function differingKeys(a: Readonly<StackValues>, b: Readonly<StackValues>): KeyName[] {
  return KEY_NAMES.filter(
    (key) => declarationOf(key).class !== "topology" && !isDeepStrictEqual(a[key], b[key]),
  );
}

/** The knobs whose values differ between two stacks (none when either stack's values are unknown). */
export function knobsThatDiffer(
  a: Readonly<StackValues> | undefined,
  b: Readonly<StackValues> | undefined,
): Knob[] {
  if (a === undefined || b === undefined) return [];
  return declaredKnobs().filter((knob) => !isDeepStrictEqual(a[knob.key], b[knob.key]));
}

function segmentsMatch(pattern: readonly string[], path: readonly string[]): boolean {
  const n = Math.min(pattern.length, path.length);
  for (let i = 0; i < n; i++) {
    if (pattern[i] !== "*" && pattern[i] !== path[i]) return false;
  }
  return true;
}

/**
 * Whether `drives` covers a difference on a resource of `type` at `path`: the type matches and one
 * path is a prefix of the other (a knob that drives `a.b` explains `a.b.c`, and a difference of the
 * whole `a` when one stack has no `a`).
 */
export function drivesCover(
  drives: Drives,
  on: NonNullable<Drives["on"]>,
  type: string,
  path: string,
): boolean {
  if ((drives.on ?? "input") !== on) return false;
  if (drives.type !== "*" && drives.type !== type) return false;
  if (on === "presence") return true;
  return segmentsMatch(drives.path.split("."), path.split("."));
}

/** The first knob among `knobs` that covers the difference, if any. */
export function explainingKnob(
  knobs: readonly Knob[],
  on: NonNullable<Drives["on"]>,
  type: string,
  path: string,
): KeyName | undefined {
  return knobs.find((knob) => knob.drives.some((d) => drivesCover(d, on, type, path)))?.key;
}
