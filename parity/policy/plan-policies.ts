import { existsSync } from "node:fs";
import path from "node:path";
import { policyEnvironment, type PolicyEnvironment } from "../../policy/environment";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, parityPolicies } from "../../policy/pack";
import packageJson from "../../policy/package.json";
import { BOOTSTRAP_DIR } from "../bootstrap/evaluate-bootstrap";
import { planStacks } from "../check/plan";
import { Evaluations } from "../offline/evaluations";
import type { RecordedResource } from "../offline/recorder";
import { violationsAt, type PolicyReport, type StackPolicies } from "./report";
import { runPack } from "./run-pack";

/** The pack's folder, as `pulumi preview --policy-pack` takes it from the project directory. */
const PACK_FOLDER = "policy";

/** The pack run on one stack's resources, mandatory violations first. */
async function judged(
  stack: string,
  environment: PolicyEnvironment,
  resources: readonly RecordedResource[],
): Promise<StackPolicies> {
  const violations = await runPack(
    parityPolicies(() => environment),
    PACK_ENFORCEMENT_LEVEL,
    resources,
  );
  const mandatoryFirst = (level: string) => (level === "mandatory" ? 0 : 1);
  return {
    stack,
    tier: environment.tier,
    resources: resources.length,
    violations: violations.sort(
      (a, b) => mandatoryFirst(a.enforcementLevel) - mandatoryFirst(b.enforcementLevel),
    ),
  };
}

/**
 * Runs the policy pack (policy/) on every stack `parity plan` evaluates, offline: each stack's
 * policies read its own spec for their thresholds, as they do under `pulumi preview`; and on the
 * bootstrap project when there is one.
 */
export async function planPolicies(options: {
  readonly projectDir: string;
  /** Evaluations shared with the parity check of the same plan. */
  readonly evaluations?: Evaluations;
}): Promise<PolicyReport> {
  const evaluations = options.evaluations ?? new Evaluations();
  const stacks: StackPolicies[] = [];
  let dbPort: number | undefined;
  for (const target of planStacks(options.projectDir)) {
    const evaluated = await evaluations.evaluate({ projectDir: options.projectDir, ...target });
    const environment = policyEnvironment(evaluated.spec);
    dbPort = environment.dbPort;
    stacks.push(await judged(target.stack, environment, evaluated.resources));
  }
  if (existsSync(path.join(options.projectDir, BOOTSTRAP_DIR, "Pulumi.yaml"))) {
    const bootstrap = await evaluations.bootstrap(options.projectDir);
    // The bootstrap holds every tier's state, keys and roles, production's included: it is held
    // to production's thresholds, with the database port the stacks use.
    const environment: PolicyEnvironment = {
      project: bootstrap.project,
      stack: bootstrap.stack,
      tier: "production",
      dbPort: dbPort ?? 0,
    };
    stacks.push(
      await judged(`${BOOTSTRAP_DIR}/${bootstrap.stack}`, environment, bootstrap.resources),
    );
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
