import { Command } from "commander";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type * as CheckParity from "../../check/check-parity";
import type * as OfflineEvaluations from "../../offline/evaluations";
import { projectDirOf } from "../../../stacks/project-dir";
import { debugging } from "../exit";
import { programLimits, withProgramLimits, type ProgramLimitOptions } from "../program-limits";
import { emitReport, type OutputOptions, type ReportViewOptions } from "../report-output";

/** Loads the checker (and Pulumi) only when `diff` runs: other commands and --help need neither. */
const load = createRequire(__filename);

/** `parity diff A B`: compares two stacks or Pulumi JSON files. */
export function diffCommand(): Command {
  return withProgramLimits(new Command("diff"))
    .summary("Compare two stacks or Pulumi JSON files.")
    .description(
      "Compare two stacks: committed stack names (evaluated offline), pr-<number>, or paths to Pulumi JSON files (stack export v3/v4, DIY checkpoint, preview --json, event log). Exit 0 parity holds, 1 divergence, 2 bad input.",
    )
    .argument("<a>", "stack name or Pulumi JSON file")
    .argument("<b>", "stack name or Pulumi JSON file")
    .option("--json <file>", "also write the report as JSON")
    .option("--markdown <file>", "also write the report as markdown (PR comment, job summary)")
    .option("--resources", "list each stack's resources by type")
    .option("--details", "print each section's breakdown")
    .option("-q, --quiet", "print the verdict line alone")
    .action(
      async (
        a: string,
        b: string,
        options: OutputOptions & ReportViewOptions & ProgramLimitOptions,
        command: Command,
      ) => {
        const { checkParity } = load("../../check/check-parity") as typeof CheckParity;
        const { Evaluations } = load("../../offline/evaluations") as typeof OfflineEvaluations;
        const evaluations = new Evaluations({
          stackTraces: debugging(command),
          limits: programLimits(options),
        });
        // Two files need no evaluation; a stack name does.
        if (!existsSync(a) || !existsSync(b)) evaluations.prepare();
        const pairs = [[a, b]] as const;
        emitReport(
          await checkParity({ projectDir: projectDirOf(process.cwd()), pairs, evaluations }),
          options,
        );
      },
    );
}
