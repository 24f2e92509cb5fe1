import { Command } from "commander";
import { createRequire } from "node:module";
import type * as PlanBootstrap from "../../bootstrap/plan-bootstrap";
import type * as PlanBringUp from "../../bringup/plan-bringup";
import type * as PlanCapacity from "../../capacity/plan-capacity";
import type * as PlanParity from "../../check/plan";
import type * as PlanPolicies from "../../policy/plan-policies";
import type * as OfflineEvaluations from "../../offline/evaluations";
import type * as PlanVersions from "../../versions/plan-versions";
import { projectDirOf } from "../../../stacks/project-dir";
import { debugging } from "../exit";
import { programLimits, withProgramLimits, type ProgramLimitOptions } from "../program-limits";
import { emitReport, type OutputOptions, type ReportViewOptions } from "../report-output";

/** Loads the evaluation (and Pulumi) only when `plan` runs: other commands and --help need neither. */
const load = createRequire(__filename);

/** `parity plan`, run in the project directory: every committed stack plus a sample PR stack. */
export function planCommand(): Command {
  return withProgramLimits(new Command("plan"))
    .summary(
      "Evaluate every committed stack and a sample PR stack offline; print the parity verdict, bring-up and teardown, pinned versions, policies, cost and quotas, and the bootstrap.",
    )
    .description(
      "Evaluate every committed stack and a sample pull-request stack offline, print each stack's resources and the parity verdict (staging ↔ each stack, pr-1 ↔ staging), each stack brought up from an empty state and torn down in the engine's order (estimated durations, critical paths, readiness rules, what each tier demands of pulumi destroy), the pinned versions against their support calendars, the policy pack (policy/) on every stack, each stack's hourly and monthly cost, whether the committed stacks plus prStackLimit pull-request stacks (stacks/capacity.yaml) fit the AWS quotas, and the bootstrap project (bootstrap/) with its rules: environments holding staging's or production's material deploy from main only, no role reachable from preview reads their state or keys or creates a role without the boundary, no prod resource refers to one staging or a PR stack owns, the deploy types are current. Exit 0 when all of it holds, 1 divergence, a readiness or teardown finding, a pinned version past its support, a mandatory policy violation, a quota exceeded or a bootstrap finding, 2 bad input.",
    )
    .option("--json <file>", "also write the report as JSON")
    .option("--markdown <file>", "also write the report as markdown (PR comment, job summary)")
    .option("--resources", "list each stack's resources by type")
    .option("--details", "print each section's breakdown")
    .option("-q, --quiet", "print the verdict line alone")
    .action(
      async (
        options: OutputOptions & ReportViewOptions & ProgramLimitOptions,
        command: Command,
      ) => {
        // First, so that the evaluation thread starts while the rest of the command loads.
        const { Evaluations } = load("../../offline/evaluations") as typeof OfflineEvaluations;
        const evaluations = new Evaluations({
          stackTraces: debugging(command),
          limits: programLimits(options),
        }).prepare();
        const { planBringUp } = load("../../bringup/plan-bringup") as typeof PlanBringUp;
        const { planCapacity } = load("../../capacity/plan-capacity") as typeof PlanCapacity;
        const { planVersions } = load("../../versions/plan-versions") as typeof PlanVersions;
        const { planPolicies } = load("../../policy/plan-policies") as typeof PlanPolicies;
        const { planParity } = load("../../check/plan") as typeof PlanParity;
        const { planBootstrap } = load("../../bootstrap/plan-bootstrap") as typeof PlanBootstrap;
        const projectDir = projectDirOf(process.cwd());
        const report = await planParity({ projectDir, evaluations });
        const bringUp = await planBringUp({ projectDir, evaluations });
        const versions = await planVersions({ projectDir, evaluations });
        const policies = await planPolicies({ projectDir, evaluations });
        const capacity = await planCapacity({ projectDir, evaluations });
        const bootstrap = await planBootstrap({ projectDir, evaluations });
        emitReport({ ...report, bringUp, versions, policies, capacity, bootstrap }, options);
      },
    );
}
