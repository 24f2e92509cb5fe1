/**
 * The one error class for mistakes a user can fix: bad stack config, invalid component args,
 * unreadable input files. Its message is written for the person reading it and says what to do.
 * Anything else that is thrown is a bug and surfaces with its stack trace.
 */
export class UserError extends Error {
  override readonly name = "UserError";
}

/** Throws a {@link UserError} with `message` unless `condition` holds. */
export function check(condition: boolean, message: () => string): asserts condition {
  if (!condition) {
    throw new UserError(message());
  }
}
