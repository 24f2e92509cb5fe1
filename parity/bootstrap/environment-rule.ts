import type { RecordedResource } from "../offline/recorder";
import { refersTo, resourceLabel, tierOf } from "./graph";
import type { BootstrapFinding } from "./report";

const ENVIRONMENT = "github:index/repositoryEnvironment:RepositoryEnvironment";
const DEPLOYMENT_POLICY =
  "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy";
const HOLDERS = [
  "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret",
  "github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable",
];
/** Tiers whose material only main may deploy with. */
export const PROTECTED_TIERS = ["staging", "production"];
const MAIN = "main";

/** Whether the environment named `name` lets jobs run on main only. */
export function mainOnly(resources: readonly RecordedResource[], name: string): boolean {
  const environment = resources.find(
    (r) => r.type === ENVIRONMENT && r.inputs.environment === name,
  );
  const policy = environment?.inputs.deploymentBranchPolicy as
    { customBranchPolicies?: unknown; protectedBranches?: unknown } | undefined;
  const patterns = resources
    .filter((r) => r.type === DEPLOYMENT_POLICY && r.inputs.environment === name)
    .map((r) => (r.inputs.tagPattern === undefined ? r.inputs.branchPattern : "(a tag pattern)"));
  return (
    policy?.customBranchPolicies === true &&
    policy.protectedBranches !== true &&
    patterns.length > 0 &&
    patterns.every((pattern) => pattern === MAIN)
  );
}

/**
 * Every GitHub environment whose secrets or variables refer to staging's or production's material
 * (a resource tagged, or depending on one tagged, for those tiers) must be restricted to main:
 * custom branch policies only, and only `main`. Otherwise a workflow pushed on any branch can run
 * in it and decrypt that tier's state.
 */
export function checkEnvironments(resources: readonly RecordedResource[]): BootstrapFinding[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const material = new Map<string, { holder: RecordedResource; tier: string }>();
  for (const holder of resources.filter((r) => HOLDERS.includes(r.type))) {
    const name = String(holder.inputs.environment);
    if (material.has(name)) continue;
    const tier = resources
      .filter((target) => target !== holder && refersTo(holder, target))
      .map((target) => tierOf(target, byUrn))
      .find((t) => t !== undefined && PROTECTED_TIERS.includes(t));
    if (tier !== undefined) material.set(name, { holder, tier });
  }
  return [...material].flatMap(([name, { holder, tier }]) => {
    if (mainOnly(resources, name)) return [];
    const environment = resources.find(
      (r) => r.type === ENVIRONMENT && r.inputs.environment === name,
    );
    return [
      {
        rule: "environments-restricted-to-main" as const,
        resource: resourceLabel(environment ?? holder),
        message: `GitHub environment "${name}" holds ${tier}'s material (${String(holder.inputs.secretName ?? holder.inputs.variableName)}) but jobs on any branch may use it. Fix: give it deploymentBranchPolicy { customBranchPolicies: true, protectedBranches: false } and one RepositoryEnvironmentDeploymentPolicy with branchPattern "main".`,
      },
    ];
  });
}
