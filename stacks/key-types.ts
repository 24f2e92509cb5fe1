import type { FieldRule } from "../components/field-rule";

/**
 * The class of a config key decides where it may be set and whether stacks may differ in it.
 * - `topology`: identical in every stack; set only in Pulumi.yaml's project `config:`.
 * - `scale`: a declared knob; may differ between stacks; set in each stack file.
 * - `identity`: differs by nature (hostname, lifecycle, image source); set in each stack file.
 */
export type KeyClass = "topology" | "scale" | "identity";

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

/** A config key: the rule of its value (a component's, where one takes it) and its class. */
export interface KeyDeclaration<T = unknown> extends FieldRule<T> {
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

type Extra<T> = Omit<KeyDeclaration<T>, keyof FieldRule<T> | "class" | "description">;

function declare(cls: KeyClass) {
  return <T, const E extends Extra<T> = Extra<T>>(
    rule: FieldRule<T>,
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
