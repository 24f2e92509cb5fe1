import type { Tier } from "../../policy/environment";

/** The levels a violation is reported at: a remediate policy that still fails counts as mandatory. */
export type ViolationLevel = "mandatory" | "advisory";

/** One violation of one policy, as the pack reported it. */
export interface PolicyViolation {
  readonly policy: string;
  readonly enforcementLevel: ViolationLevel;
  /** The resource it names; undefined when a stack policy names the stack as a whole. */
  readonly resource:
    { readonly urn: string; readonly type: string; readonly name: string } | undefined;
  readonly message: string;
}

/** The pack's verdict on one evaluated stack. */
export interface StackPolicies {
  readonly stack: string;
  readonly tier: Tier;
  /** Resources the policies validated. */
  readonly resources: number;
  /** Mandatory violations first. */
  readonly violations: readonly PolicyViolation[];
}

/** The policy pack run on every stack `parity plan` evaluates. */
export interface PolicyReport {
  readonly pack: { readonly name: string; readonly version: string; readonly folder: string };
  readonly policies: readonly {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: string;
  }[];
  readonly stacks: readonly StackPolicies[];
  /** True when no stack has a mandatory violation. */
  readonly holds: boolean;
}

/** A stack's violations at one level. */
export function violationsAt(stack: StackPolicies, level: ViolationLevel): PolicyViolation[] {
  return stack.violations.filter((v) => v.enforcementLevel === level);
}
