import { Command, CommanderError } from "commander";
import { diffCommand } from "./commands/diff";
import { planCommand } from "./commands/plan";
import { EXIT, exitCodeFor } from "./exit";

/** The `parity` program: one subcommand per file in ./commands. */
export function buildProgram(): Command {
  return new Command("parity")
    .description(
      "Prove that staging, production and pull-request stacks are the same infrastructure.",
    )
    .showHelpAfterError()
    .exitOverride()
    .addCommand(planCommand())
    .addCommand(diffCommand());
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
    return exitCodeFor(error, (line) => process.stderr.write(`${line}\n`));
  }
}
