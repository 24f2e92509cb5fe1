import { Command, InvalidArgumentError } from "commander";
import { InputFile } from "../../sources/input-file";
import { parseOpenPullRequests, parseStackList, selectStacksToSweep } from "../../sweep/select";

interface SweepFlags {
  readonly stacks: string;
  readonly openPrs: string;
  readonly now?: Date;
}

function isoTime(value: string): Date {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) {
    throw new InvalidArgumentError(`expected an ISO 8601 time such as 2026-01-31T12:00:00Z`);
  }
  return time;
}

/** A file's text; a FIFO, a device or a file over the size limit is refused, naming the file. */
async function read(file: string): Promise<string> {
  return (await InputFile.open(file)).text();
}

/**
 * `parity sweep`: prints the pull-request stacks to destroy, one a line on stdout, and why every
 * pull-request stack is destroyed, kept or skipped on stderr.
 */
export function sweepCommand(): Command {
  return new Command("sweep")
    .description(
      "Select the pull-request stacks (pr-<n>) to destroy: their pull request is closed, or their last update is past the TTL.",
    )
    .requiredOption("--stacks <file>", "output of `pulumi stack ls --json`")
    .requiredOption(
      "--open-prs <file>",
      "open pull requests: `gh pr list --state open --json number`, or a JSON list of numbers",
    )
    .option("--now <time>", "the time to judge expiry at (ISO 8601; default: now)", isoTime)
    .action(async (flags: SweepFlags) => {
      const decisions = selectStacksToSweep({
        stacks: parseStackList(flags.stacks, await read(flags.stacks)),
        openPullRequests: parseOpenPullRequests(flags.openPrs, await read(flags.openPrs)),
        now: flags.now ?? new Date(),
      });
      for (const decision of decisions) {
        process.stderr.write(`${decision.action} ${decision.stack}: ${decision.reason}\n`);
      }
      const doomed = decisions.filter((decision) => decision.action === "destroy");
      process.stdout.write(doomed.map((decision) => `${decision.stack}\n`).join(""));
    });
}
