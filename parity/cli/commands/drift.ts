import { Command } from "commander";
import { renderMarkdown } from "../../drift/render-markdown";
import { renderText } from "../../drift/render-text";
import { reviewDrift } from "../../drift/review";
import { reviewRun } from "../../drift/run";
import { writeJson } from "../../render/json-writer";
import { emit } from "../report-output";

interface DriftFlags {
  readonly ignore?: string;
  readonly markdown?: string;
  readonly json?: string;
  readonly runUrl?: string;
}

/** `parity drift FILE…`: exit 0 no drift, 1 drift, 2 bad input. */
export function driftCommand(): Command {
  return new Command("drift")
    .description(
      "Review `pulumi refresh --preview-only --json` output, preview JSON or engine event logs for drift: resources changed or deleted out of band, named by stack, with their ids, the run and time of the review, and how to resolve it.",
    )
    .argument("<file...>", "refresh-preview JSON, preview JSON or event log (JSON lines)")
    .option(
      "--ignore <file>",
      "YAML list of known-noisy properties: {type or name, property, reason}",
    )
    .option(
      "--markdown <file>",
      "also write the report as GitHub markdown (job summary, issue body)",
    )
    .option("--json <file>", "also write the report as JSON")
    .option(
      "--run-url <url>",
      "the CI run's page, linked from the report (default in GitHub Actions: this run)",
    )
    .addHelpText("after", "\nExit status: 0 no drift, 1 drift found, 2 bad input.")
    .action(async (files: string[], flags: DriftFlags) => {
      const run = reviewRun(flags.runUrl, process.env, new Date());
      const report = { ...(await reviewDrift({ files, ignoreFile: flags.ignore })), run };
      emit(
        {
          text: renderText(report),
          // Written as it is serialised: a review of a large log may not fit in one string.
          json: () => (sink) => {
            writeJson(report, sink, { indent: 2 });
            sink("\n");
          },
          markdown: () => renderMarkdown(report),
          findings: report.drift,
        },
        flags,
      );
    });
}
