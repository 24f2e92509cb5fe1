import { Command, InvalidArgumentError } from "commander";
import { projectDirOf } from "../../../stacks/project-dir";
import { readProjectFile } from "../../../stacks/project-files";
import { parseDiyLocks, parseRunningUpdates, type StackLock } from "../../pr-stacks/locks";
import { findOrphans, parseTaggedResources } from "../../pr-stacks/orphans";
import { readInput } from "../../pr-stacks/read-input";
import { parseRfc3339 } from "../../pr-stacks/rfc3339";
import { destroyList, renderSweepMarkdown, type SweepReport } from "../../pr-stacks/report";
import {
  parseOpenPullRequests,
  parseStackList,
  selectStacksToSweep,
  shortStackName,
} from "../../pr-stacks/select";
import { pullRequestNumber } from "../../../stacks/spec";
import { writeOutput } from "../report-output";

interface SweepFlags {
  readonly stacks: string;
  readonly openPrs: string;
  readonly locks?: string;
  readonly running?: string;
  readonly tagged?: string;
  readonly markdown?: string;
  readonly now?: Date;
}

function isoTime(value: string): Date {
  const time = parseRfc3339(value);
  if (time === undefined) {
    throw new InvalidArgumentError(`expected an RFC 3339 time such as 2026-01-31T12:00:00Z`);
  }
  return time;
}

async function readLocks(flags: SweepFlags, project: string): Promise<Map<string, StackLock>> {
  const locks = new Map<string, StackLock>();
  if (flags.locks !== undefined) {
    for (const [stack, lock] of parseDiyLocks(flags.locks, await readInput(flags.locks), project)) {
      locks.set(stack, lock);
    }
  }
  if (flags.running !== undefined) {
    for (const [stack, lock] of parseRunningUpdates(
      flags.running,
      await readInput(flags.running),
    )) {
      locks.set(stack, lock);
    }
  }
  return locks;
}

/**
 * `parity sweep`: prints the pull-request stacks to destroy as one line of JSON on stdout
 * (`[{stack, pullRequest, cancelStaleUpdate}]`, for a workflow matrix) and why every
 * pull-request stack is destroyed, kept or skipped on stderr.
 */
export function sweepCommand(): Command {
  return new Command("sweep")
    .description(
      "Select the pull-request stacks (pr-<n>) to destroy: their pull request is closed, their last update is past the TTL, or a lock older than the longest job holds them. Prints them as JSON: [{stack, pullRequest, cancelStaleUpdate}].",
    )
    .requiredOption("--stacks <file>", "output of `pulumi stack ls --json` (DIY or Pulumi Cloud)")
    .requiredOption(
      "--open-prs <file>",
      "open pull requests: `gh pr list --state open --json number`, or a JSON list of numbers",
    )
    .option(
      "--locks <file>",
      "DIY backend on S3: `aws s3api list-objects-v2 --bucket B --prefix <path>.pulumi/locks/ --output json`",
    )
    .option(
      "--running <file>",
      'Pulumi Cloud: {"<stack>": `pulumi stack history --json --page-size 1`} for each stack with an update in progress',
    )
    .option(
      "--tagged <file>",
      "`aws resourcegroupstaggingapi get-resources --tag-filters Key=pr-number --output json`: report resources of pull requests without a stack",
    )
    .option("--markdown <file>", "also write the decisions and orphaned resources as markdown")
    .option("--now <time>", "the time to judge expiry at (RFC 3339; default: now)", isoTime)
    .action(async (flags: SweepFlags) => {
      const project = readProjectFile(projectDirOf(process.cwd())).name;
      const stacks = parseStackList(flags.stacks, await readInput(flags.stacks));
      const decisions = selectStacksToSweep({
        stacks,
        openPullRequests: parseOpenPullRequests(flags.openPrs, await readInput(flags.openPrs)),
        locks: await readLocks(flags, project),
        now: flags.now ?? new Date(),
      });
      const withStack = new Set(
        stacks.flatMap((stack) => pullRequestNumber(shortStackName(stack.name)) ?? []),
      );
      const orphans =
        flags.tagged === undefined
          ? []
          : findOrphans(
              parseTaggedResources(flags.tagged, await readInput(flags.tagged)),
              project,
              withStack,
            );
      const report: SweepReport = { decisions, orphans };
      for (const decision of decisions) {
        process.stderr.write(`${decision.action} ${decision.stack}: ${decision.reason}\n`);
      }
      for (const orphan of orphans) {
        process.stderr.write(
          `orphaned: ${orphan.arns.length} resource(s) tagged pr-number=${orphan.pullRequest} without a stack\n`,
        );
      }
      if (flags.markdown !== undefined) {
        writeOutput("--markdown", flags.markdown, renderSweepMarkdown(report));
      }
      process.stdout.write(`${JSON.stringify(destroyList(report))}\n`);
    });
}
