/**
 * What kind of difference a finding is: a resource only one stack has, or a difference in one of
 * a resource's inputs, options (`protect`), parent, provider or dependencies.
 */
export type FindingKind =
  "only-in-a" | "only-in-b" | "input" | "option" | "parent" | "provider" | "dependencies";

/** A difference between two stacks that no declared knob explains. */
export interface Finding {
  readonly kind: FindingKind;
  /** The resource key, `<type>::<logical name>`. */
  readonly resource: string;
  /** Dotted property path (array elements by index); "" for a whole resource. */
  readonly property: string;
  readonly a: unknown;
  readonly b: unknown;
  /** The parity rule the difference breaks. */
  readonly rule: string;
}

/** A difference a declared knob explains: both stacks set the knob to different values. */
export interface Explained {
  readonly kind: FindingKind;
  readonly resource: string;
  readonly property: string;
  readonly a: unknown;
  readonly b: unknown;
  /** The config key from stacks/keys.ts whose values differ. */
  readonly knob: string;
}

/** How the presence of a resource appears in the `a`/`b` values of a finding. */
export const PRESENT = "present";
export const ABSENT = "absent";
