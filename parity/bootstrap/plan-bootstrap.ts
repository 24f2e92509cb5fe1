import path from "node:path";
import { readDeployTypes } from "../../bootstrap/deploy-permissions";
import { planStacks } from "../check/plan";
import type { EvaluatedStack } from "../offline/evaluate";
import { Evaluations } from "../offline/evaluations";
import { checkDeployTypes, registeredTypes } from "./deploy-types-rule";
import { checkEnvironments } from "./environment-rule";
import { BOOTSTRAP_DIR, type EvaluatedBootstrap } from "./evaluate-bootstrap";
import { checkProductionOwnership } from "./ownership-rule";
import { checkPreviewReach } from "./preview-reach";
import { BOOTSTRAP_RULES, type BootstrapReport, type BootstrapRule } from "./report";

/** `owner/repository` of the GitHub provider and environments the bootstrap manages. */
function repositoryOf(resources: EvaluatedBootstrap["resources"]): string {
  const owner = resources.find((r) => r.type === "pulumi:providers:github")?.inputs.owner;
  const repository = resources.find(
    (r) => r.type === "github:index/repositoryEnvironment:RepositoryEnvironment",
  )?.inputs.repository;
  return `${String(owner)}/${String(repository)}`;
}

/**
 * `parity plan`'s bootstrap section: the bootstrap evaluated offline, its rules checked on its own
 * graph (environments, roles reachable from preview), production's graph checked against
 * staging's and the pull-request stack's, and the deploy types against what the stacks register.
 */
export async function planBootstrap(options: {
  readonly projectDir: string;
  /** Evaluations shared with the rest of the plan. */
  readonly evaluations?: Evaluations;
}): Promise<BootstrapReport> {
  const evaluations = options.evaluations ?? new Evaluations();
  const bootstrap = await evaluations.bootstrap(options.projectDir);
  const stacks: EvaluatedStack[] = [];
  for (const target of planStacks(options.projectDir)) {
    stacks.push(await evaluations.evaluate({ projectDir: options.projectDir, ...target }));
  }
  const tier = (s: EvaluatedStack) => s.spec.values.tier;
  const deployTypes = registeredTypes(stacks);
  const findings = [
    ...checkEnvironments(bootstrap.resources),
    ...checkPreviewReach(bootstrap.resources, repositoryOf(bootstrap.resources)),
    ...checkProductionOwnership(
      stacks.filter((s) => tier(s) === "production"),
      stacks.filter((s) => tier(s) !== "production"),
    ),
    ...checkDeployTypes(readDeployTypes(path.join(options.projectDir, BOOTSTRAP_DIR)), deployTypes),
  ];
  const rules = (Object.keys(BOOTSTRAP_RULES) as BootstrapRule[]).map((rule) => ({
    rule,
    description: BOOTSTRAP_RULES[rule],
    findings: findings.filter((f) => f.rule === rule).length,
  }));
  return {
    project: bootstrap.project,
    stack: bootstrap.stack,
    resources: bootstrap.resources.map(({ type, name }) => ({ type, name })),
    rules,
    findings,
    deployTypes,
    holds: findings.length === 0,
  };
}
