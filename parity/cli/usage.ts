import { Help, type Command, type Option } from "commander";

/** The command as typed: `parity`, `parity diff`. */
function commandLine(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at !== null; at = at.parent) names.unshift(at.name());
  return names.join(" ");
}

/**
 * Commander's usage error (`error: unknown option '--jsn'` and a `(Did you mean --json?)` line)
 * as one line that points at the command's help.
 */
export function usageLine(message: string, command: string): string {
  const text = message
    .trim()
    .replace(/^error: /, "")
    .replace(/\n\(Did you mean/, " (did you mean")
    .replace(/\s*\n\s*/g, " ")
    .replace(/\.$/, "");
  return `parity: ${text}. See ${command} --help.\n`;
}

/** An option's help text, saying when the command cannot run without it. */
function optionDescription(this: Help, option: Option): string {
  const text = Help.prototype.optionDescription.call(this, option);
  return option.mandatory ? `${text} (required)` : text;
}

/**
 * How `program` and its subcommands speak about usage: a mistake (an unknown option or command, a
 * missing argument or required option, a value a parser refuses) is one line on stderr pointing at
 * the command's `--help`, never the whole help; `--help` marks the required options. Call it after
 * the subcommands took the program's settings (`copyInheritedSettings`).
 */
export function configureUsage(program: Command): void {
  for (const command of [program, ...program.commands]) {
    command
      .showHelpAfterError(false)
      .configureHelp({ optionDescription })
      .configureOutput({
        outputError: (message, write) => {
          write(usageLine(message, commandLine(command)));
        },
      });
  }
}
