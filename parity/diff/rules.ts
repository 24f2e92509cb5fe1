import type { FindingKind } from "./finding";

/** The parity rule each kind of difference breaks, as findings name it. */
export const RULES: Readonly<Record<FindingKind, string>> = {
  "only-in-a": "every stack creates the same resources",
  "only-in-b": "every stack creates the same resources",
  input: "inputs must be identical unless a declared knob differs",
  option: "resource options must be identical unless a declared knob differs",
  parent: "the resource tree must be identical",
  provider: "resources must use the same provider",
  dependencies: "resources must depend on the same resources",
};

/** The rule of a difference a declared knob covers although both stacks set it alike. */
export function knobEqualRule(key: string, value: unknown): string {
  return `${RULES.input}: ${key} drives it but is ${JSON.stringify(value)} in both stacks`;
}

/**
 * The rule of a difference a knob is declared to drive that did not go away when one stack was
 * evaluated with the other's config: something else — the stack's name, say — chose the value.
 */
export function persistsRule(kind: FindingKind, key: string, reevaluation: string): string {
  return `${RULES[kind]}: ${key} is declared to drive it, but the difference remains in ${reevaluation}, so something other than the config chose it`;
}
