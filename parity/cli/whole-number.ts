import { InvalidArgumentError } from "commander";

/** The parser of a command-line option that must be a whole number of `min` or more. */
function wholeNumberFrom(min: number): (value: string) => number {
  const expected = min === 0 ? "a whole number" : `a whole number of ${min} or more`;
  return (value) => {
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed) || parsed < min) {
      throw new InvalidArgumentError(`expected ${expected}, got "${value}".`);
    }
    return parsed;
  };
}

/** A whole number of zero or more (a count, milliseconds). */
export const wholeNumber = wholeNumberFrom(0);

/** A whole number of one or more (a limit that zero would make meaningless). */
export const positiveWholeNumber = wholeNumberFrom(1);
