import type { Command } from "commander";
import { DEFAULT_LIMITS, LIMIT_OPTIONS, type EvaluationLimits } from "../offline/evaluations";
import { positiveWholeNumber } from "./whole-number";

/** The options of a command that evaluates the team's program. */
export interface ProgramLimitOptions {
  readonly programTimeout?: number;
  readonly programMemory?: number;
}

/** Adds `--program-timeout` and `--program-memory` to `command`. */
export function withProgramLimits(command: Command): Command {
  return command
    .option(
      `${LIMIT_OPTIONS.timeout} <seconds>`,
      `the longest one stack's evaluation of the program may take (default ${DEFAULT_LIMITS.timeoutSeconds})`,
      positiveWholeNumber,
    )
    .option(
      `${LIMIT_OPTIONS.memory} <MiB>`,
      `the heap the program's evaluation may use (default ${DEFAULT_LIMITS.memoryMib})`,
      positiveWholeNumber,
    );
}

/** The limits `options` set, the defaults for the others. */
export function programLimits(options: ProgramLimitOptions): EvaluationLimits {
  return {
    timeoutSeconds: options.programTimeout ?? DEFAULT_LIMITS.timeoutSeconds,
    memoryMib: options.programMemory ?? DEFAULT_LIMITS.memoryMib,
  };
}
