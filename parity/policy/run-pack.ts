import type {
  EnforcementLevel,
  Policies,
  PolicyProviderResource,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { providerUrn } from "../graph/urn";
import type { RecordedResource } from "../offline/recorder";
import type { PolicyViolation, ViolationLevel } from "./report";

/** How a policy says it does not apply (`args.notApplicable()`), as the pack's server treats it. */
class NotApplicable extends Error {}

/** Whether `resourceClass` is the class of `type`: the check `args.isType` makes in the engine. */
function isTypeOf(type: string, resourceClass: object): boolean {
  return (resourceClass as unknown as { __pulumiType?: string }).__pulumiType === type;
}

/** The level a violation of a policy is reported at, or undefined when the policy is disabled. */
function levelOf(
  level: EnforcementLevel | undefined,
  packLevel: EnforcementLevel,
): ViolationLevel | undefined {
  const effective = level ?? packLevel;
  if (effective === "disabled") return undefined;
  return effective === "advisory" ? "advisory" : "mandatory";
}

function options(resource: RecordedResource): PolicyResourceOptions {
  return {
    protect: resource.protect,
    ignoreChanges: [...resource.ignoreChanges],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(resource.parent === undefined ? {} : { parent: resource.parent }),
  };
}

const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason);
};

/** What every policy gets besides the resource: no Pulumi Cloud stack tags and no pack config. */
const COMMON: Pick<StackValidationArgs, "stackTags" | "getConfig" | "notApplicable"> = {
  stackTags: new Map<string, string>(),
  getConfig: (() => ({})) as StackValidationArgs["getConfig"],
  notApplicable,
};

/**
 * Runs a policy pack's own `validateResource` and `validateStack` functions on one stack's
 * registrations, with the arguments the engine passes them (`pulumi preview --policy-pack`): each
 * resource's inputs, options and provider one at a time, then every resource's outputs with its
 * parent and dependencies resolved. A policy takes its level from itself or else from the pack;
 * disabled policies do not run, remediate ones report as mandatory, and `notApplicable()` ends a
 * validation without a violation. Offline evaluation records no per-property dependencies, so
 * `propertyDependencies` is empty.
 */
export async function runPack(
  policies: Policies,
  packLevel: EnforcementLevel,
  resources: readonly RecordedResource[],
): Promise<PolicyViolation[]> {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const violations: PolicyViolation[] = [];
  const providerOf = (resource: RecordedResource): PolicyProviderResource | undefined => {
    const provider =
      resource.provider === undefined ? undefined : byUrn.get(providerUrn(resource.provider));
    return provider
      ? { type: provider.type, name: provider.name, urn: provider.urn, props: provider.inputs }
      : undefined;
  };
  const reporter =
    (policy: string, level: ViolationLevel, subject: RecordedResource | undefined) =>
    (message: string, urn?: string) => {
      const named = subject ?? (urn === undefined ? undefined : byUrn.get(urn));
      violations.push({
        policy,
        enforcementLevel: level,
        resource: named && { urn: named.urn, type: named.type, name: named.name },
        message,
      });
    };
  const run = async (policy: string, subject: string, validation: () => unknown) => {
    try {
      await validation();
    } catch (error) {
      if (error instanceof NotApplicable) return;
      throw new Error(`policy ${policy} failed on ${subject}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };

  for (const policy of policies) {
    const level = levelOf(policy.enforcementLevel, packLevel);
    if (level === undefined || !("validateResource" in policy)) continue;
    const validations = [policy.validateResource ?? []].flat();
    for (const resource of resources) {
      const args: ResourceValidationArgs = {
        ...COMMON,
        type: resource.type,
        props: resource.inputs,
        urn: resource.urn,
        name: resource.name,
        opts: options(resource),
        provider: providerOf(resource),
        isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
        asType: ((resourceClass: object) =>
          isTypeOf(resource.type, resourceClass)
            ? resource.inputs
            : undefined) as ResourceValidationArgs["asType"],
      };
      const report: ReportViolation = reporter(policy.name, level, resource);
      for (const validate of validations) {
        await run(policy.name, resource.urn, () => validate(args, report));
      }
    }
  }

  const stackPolicies = policies.filter((p) => "validateStack" in p);
  if (stackPolicies.length === 0) return violations;
  const policyResources = new Map<string, PolicyResource>();
  for (const resource of resources) {
    policyResources.set(resource.urn, {
      type: resource.type,
      props: resource.outputs,
      urn: resource.urn,
      name: resource.name,
      opts: options(resource),
      provider: providerOf(resource),
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
      asType: ((resourceClass: object) =>
        isTypeOf(resource.type, resourceClass)
          ? resource.outputs
          : undefined) as PolicyResource["asType"],
    });
  }
  for (const resource of resources) {
    const policyResource = policyResources.get(resource.urn);
    if (policyResource === undefined) continue;
    if (resource.parent !== undefined) policyResource.parent = policyResources.get(resource.parent);
    policyResource.dependencies = resource.dependencies.flatMap((urn) => {
      const dependency = policyResources.get(urn);
      return dependency === undefined ? [] : [dependency];
    });
  }
  const args: StackValidationArgs = { ...COMMON, resources: [...policyResources.values()] };
  for (const policy of stackPolicies) {
    const level = levelOf(policy.enforcementLevel, packLevel);
    if (level === undefined || !("validateStack" in policy)) continue;
    await run(policy.name, "the stack", () =>
      policy.validateStack(args, reporter(policy.name, level, undefined)),
    );
  }
  return violations;
}
