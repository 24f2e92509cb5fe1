import { Command, CommanderError } from "commander";
import { version } from "../../package.json";
import { admitCommand } from "./commands/admit";
import { diffCommand } from "./commands/diff";
import { driftCommand } from "./commands/drift";
import { functionalCommand } from "./commands/functional";
import { planCommand } from "./commands/plan";
import { sweepCommand } from "./commands/sweep";
import { verifyCommand } from "./commands/verify";
import { debugging, EXIT, exitCodeFor } from "./exit";
import { checkOutputs, type OutputOptions } from "./report-output";
import { configureUsage } from "./usage";

/** The `parity` program: one subcommand per file in ./commands. */
export function buildProgram(): Command {
  const program = new Command("parity")
    .description(
      "Prove that staging, production and pull-request stacks are the same infrastructure.",
    )
    .version(version, "-V, --version", "print the version of parity")
    .option("--debug", "print the stack trace of an internal error")
    .addCommand(planCommand())
    .addCommand(diffCommand())
    .addCommand(driftCommand())
    .addCommand(sweepCommand())
    .addCommand(admitCommand())
    .addCommand(verifyCommand())
    .addCommand(functionalCommand())
    .exitOverride()
    // Every command's --json and --markdown files are checked before it does any work.
    .hook("preAction", (_program, command) => {
      checkOutputs(command.opts<OutputOptions>());
    });
  // addCommand() does not pass settings on: without this a subcommand's usage error would call
  // process.exit instead of throwing, and skip main()'s exit-code mapping.
  for (const command of program.commands) command.copyInheritedSettings(program);
  configureUsage(program);
  return program;
}

/** Runs `parity` with `argv` (as in process.argv) and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return exitCodeFor(error, (line) => process.stderr.write(`${line}\n`), debugging(program));
  }
}
