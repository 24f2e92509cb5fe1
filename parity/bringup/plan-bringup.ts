import { planStacks } from "../check/plan";
import { Evaluations } from "../offline/evaluations";
import { readDurationTable } from "./durations";
import { readReadinessRules } from "./readiness";
import { findingCount, type BringUpReport } from "./report";
import { stackBringUp } from "./stack-bringup";
import { readTeardownRules } from "./teardown";

/**
 * Brings every stack `parity plan` evaluates up from nothing and tears it down again, offline:
 * estimated durations and critical paths, readiness findings, and what each tier demands of
 * `pulumi destroy`.
 */
export async function planBringUp(options: {
  readonly projectDir: string;
  /** Evaluations shared with the parity check of the same plan. */
  readonly evaluations?: Evaluations;
}): Promise<BringUpReport> {
  const evaluations = options.evaluations ?? new Evaluations();
  const durations = readDurationTable();
  const { taken, basis, sources } = durations;
  const readinessRules = readReadinessRules();
  const teardownRules = readTeardownRules();
  const stacks = [];
  for (const target of planStacks(options.projectDir)) {
    const evaluated = await evaluations.evaluate({ projectDir: options.projectDir, ...target });
    stacks.push(
      stackBringUp({
        stack: target.stack,
        tier: evaluated.spec.values.tier,
        resources: evaluated.resources,
        durations,
        readinessRules,
        teardownRules,
      }),
    );
  }
  return {
    durations: { taken, basis, sources },
    stacks,
    holds: stacks.every((stack) => findingCount(stack) === 0),
  };
}
