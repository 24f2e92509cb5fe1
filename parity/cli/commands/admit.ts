import { Command } from "commander";
import { UserError } from "../../../components/errors";
import { projectDirOf } from "../../../stacks/project-dir";
import { pullRequestNumber } from "../../../stacks/spec";
import { CAPACITY_FILE, readCapacityConfig } from "../../capacity/config";
import { admitPullRequestStack, renderWaitingComment } from "../../pr-stacks/admission";
import { readInput } from "../../pr-stacks/read-input";
import { parseStackList } from "../../pr-stacks/select";
import { EXIT, ExitError } from "../exit";
import { writeOutput } from "../report-output";

interface AdmitFlags {
  readonly stacks: string;
  readonly stack: string;
  readonly markdown?: string;
}

/** `parity admit`: exit 0 the pull-request stack may deploy, 1 it waits (over the cap), 2 bad input. */
export function admitCommand(): Command {
  return new Command("admit")
    .description(
      `Decide whether pull-request stack pr-<n> may deploy: it exists already, or fewer than prStackLimit (${CAPACITY_FILE}) pull-request stacks exist. Exit 0 deploy, 1 wait, 2 bad input.`,
    )
    .requiredOption("--stacks <file>", "output of `pulumi stack ls --json`")
    .requiredOption("--stack <name>", "the pull-request stack, pr-<n>")
    .option(
      "--markdown <file>",
      "when it waits, write the pull-request comment saying why and when",
    )
    .action(async (flags: AdmitFlags) => {
      if (pullRequestNumber(flags.stack) === undefined) {
        throw new UserError(
          `--stack ${JSON.stringify(flags.stack)} is not a pull-request stack; pass pr-<n>, e.g. --stack pr-42.`,
        );
      }
      const config = readCapacityConfig(projectDirOf(process.cwd()));
      const admission = admitPullRequestStack({
        stacks: parseStackList(flags.stacks, await readInput(flags.stacks)),
        stack: flags.stack,
        limit: config.prStackLimit,
      });
      if (admission.admitted) {
        process.stdout.write(
          `${flags.stack} may deploy: ${admission.others.length} other preview stack(s), limit ${admission.limit}.\n`,
        );
        return;
      }
      const comment = renderWaitingComment(admission, CAPACITY_FILE);
      process.stdout.write(comment);
      if (flags.markdown !== undefined) writeOutput("--markdown", flags.markdown, comment);
      throw new ExitError(EXIT.findings);
    });
}
