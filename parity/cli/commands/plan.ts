import { Command } from "commander";
import { planParity } from "../../check/plan";
import { emitReport, type OutputOptions } from "../report-output";

/** `parity plan`, run in the project directory: every committed stack plus a sample PR stack. */
export function planCommand(): Command {
  return new Command("plan")
    .summary(
      "Evaluate every committed stack and a sample PR stack offline; print the parity verdict.",
    )
    .description(
      "Evaluate every committed stack and a sample pull-request stack offline, print each stack's resources and the parity verdict (staging ↔ each stack, pr-1 ↔ staging). Exit 0 parity holds, 1 divergence, 2 bad input.",
    )
    .option("--json <file>", "also write the report as JSON")
    .option("--markdown <file>", "also write the report as markdown (PR comment, job summary)")
    .action(async (options: OutputOptions) => {
      emitReport(await planParity({ projectDir: process.cwd() }), options);
    });
}
