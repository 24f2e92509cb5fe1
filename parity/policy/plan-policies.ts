import { policyEnvironment } from "../../policy/environment";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, parityPolicies } from "../../policy/pack";
import packageJson from "../../policy/package.json";
import { planStacks } from "../check/plan";
import { Evaluations } from "../offline/evaluations";
import { violationsAt, type PolicyReport, type StackPolicies } from "./report";
import { runPack } from "./run-pack";

/** The pack's folder, as `pulumi preview --policy-pack` takes it from the project directory. */
const PACK_FOLDER = "policy";

/**
 * Runs the policy pack (policy/) on every stack `parity plan` evaluates, offline: each stack's
 * policies read its own spec for their thresholds, as they do under `pulumi preview`.
 */
export async function planPolicies(options: {
  readonly projectDir: string;
  /** Evaluations shared with the parity check of the same plan. */
  readonly evaluations?: Evaluations;
}): Promise<PolicyReport> {
  const evaluations = options.evaluations ?? new Evaluations();
  const stacks: StackPolicies[] = [];
  for (const target of planStacks(options.projectDir)) {
    const evaluated = await evaluations.evaluate({ projectDir: options.projectDir, ...target });
    const environment = policyEnvironment(evaluated.spec);
    const violations = await runPack(
      parityPolicies(() => environment),
      PACK_ENFORCEMENT_LEVEL,
      evaluated.resources,
    );
    const mandatoryFirst = (level: string) => (level === "mandatory" ? 0 : 1);
    stacks.push({
      stack: target.stack,
      tier: environment.tier,
      resources: evaluated.resources.length,
      violations: violations.sort(
        (a, b) => mandatoryFirst(a.enforcementLevel) - mandatoryFirst(b.enforcementLevel),
      ),
    });
  }
  const policies = parityPolicies(() => {
    throw new Error("the pack's description reads no stack");
  }).map(({ name, description, enforcementLevel }) => ({
    name,
    description,
    enforcementLevel: enforcementLevel ?? PACK_ENFORCEMENT_LEVEL,
  }));
  return {
    pack: { name: PACK_NAME, version: packageJson.version, folder: PACK_FOLDER },
    policies,
    stacks,
    holds: stacks.every((stack) => violationsAt(stack, "mandatory").length === 0),
  };
}
