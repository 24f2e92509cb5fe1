import type { EnvironmentSpec } from "../stacks/spec";

/** A stack's lifecycle tier, as the environment model declares it (stacks/keys.ts `tier`). */
export type Tier = EnvironmentSpec["values"]["tier"];

/**
 * What the policies know of the stack they check, all of it from the environment model: which
 * stack and project its resources must be tagged with, its tier (which sets the thresholds, see
 * ./tier-thresholds.ts) and the port its database listens on.
 */
export interface PolicyEnvironment {
  readonly project: string;
  readonly stack: string;
  readonly tier: Tier;
  readonly dbPort: number;
}

/**
 * The environment of the stack being checked, resolved when a policy first needs it: the pack
 * loads (and lists its policies) before the engine names a stack.
 */
export type EnvironmentSource = () => PolicyEnvironment;

/** The policy environment of one stack's validated spec. */
export function policyEnvironment(spec: EnvironmentSpec): PolicyEnvironment {
  return {
    project: spec.project,
    stack: spec.stack,
    tier: spec.values.tier,
    dbPort: spec.values.dbPort,
  };
}
