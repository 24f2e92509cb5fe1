import { InvalidArgumentError } from "commander";

/** A command-line option that must be a whole number of zero or more (a count, milliseconds). */
export function wholeNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new InvalidArgumentError(`expected a whole number, got "${value}".`);
  }
  return parsed;
}
