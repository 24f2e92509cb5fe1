import { Command } from "commander";
import { createRequire } from "node:module";
import type * as PlanCapacity from "../../capacity/plan-capacity";
import type * as PlanParity from "../../check/plan";
import type * as OfflineEvaluations from "../../offline/evaluations";
import { debugging, EXIT, ExitError } from "../exit";
import { emitReport, type OutputOptions } from "../report-output";

/** Loads the evaluation (and Pulumi) only when `plan` runs: other commands and --help need neither. */
const load = createRequire(__filename);

/** `parity plan`, run in the project directory: every committed stack plus a sample PR stack. */
export function planCommand(): Command {
  return new Command("plan")
    .summary(
      "Evaluate every committed stack and a sample PR stack offline; print the parity verdict, cost and quotas.",
    )
    .description(
      "Evaluate every committed stack and a sample pull-request stack offline, print each stack's resources and the parity verdict (staging ↔ each stack, pr-1 ↔ staging), each stack's hourly and monthly cost, and whether the committed stacks plus prStackLimit pull-request stacks (stacks/capacity.yaml) fit the AWS quotas. Exit 0 parity holds and the stacks fit, 1 divergence or a quota exceeded, 2 bad input.",
    )
    .option("--json <file>", "also write the report as JSON")
    .option("--markdown <file>", "also write the report as markdown (PR comment, job summary)")
    .action(async (options: OutputOptions, command: Command) => {
      const { planCapacity } = load("../../capacity/plan-capacity") as typeof PlanCapacity;
      const { planParity } = load("../../check/plan") as typeof PlanParity;
      const { Evaluations } = load("../../offline/evaluations") as typeof OfflineEvaluations;
      const projectDir = process.cwd();
      const evaluations = new Evaluations({ stackTraces: debugging(command) });
      const report = await planParity({ projectDir, evaluations });
      const capacity = await planCapacity({ projectDir, evaluations });
      emitReport({ ...report, capacity }, options);
      if (!capacity.fits) throw new ExitError(EXIT.findings);
    });
}
