import { ConfigError, ConfigErrors } from "./config-error";
import type { KeyName } from "./keys";
import { keyPosition, type KeyPositions } from "./project-files";

/** A file the loader read, whose keys an error can be placed at. */
interface ReadFile {
  readonly file: string;
  readonly positions: KeyPositions;
}

/** Where the mistake `error` names is written: its key (the first of `a / b` written) in its file. */
function positionOf(error: ConfigError, files: readonly ReadFile[], project: string) {
  const file = files.find((candidate) => candidate.file === error.file);
  if (file === undefined) return undefined;
  return error.key
    .split(" / ")
    .map((key) => keyPosition(file, project, key))
    .find((at) => at !== undefined);
}

/**
 * The config mistakes of one stack, collected so that one run reports all of them: each key
 * once, then every mistake placed at its key's line and column and ordered as the files write
 * them.
 */
export class ConfigProblems {
  private readonly errors: ConfigError[] = [];
  private readonly keys = new Set<KeyName>();

  /** Records `error`; `key` is the declared key it is about, which is then not checked further. */
  add(error: ConfigError, key?: KeyName): void {
    this.errors.push(error);
    if (key !== undefined) this.keys.add(key);
  }

  /** Whether a mistake about `key` was recorded already. */
  has(key: KeyName): boolean {
    return this.keys.has(key);
  }

  /** Throws every mistake recorded so far as one {@link ConfigErrors}, if there is any. */
  throwIfAny(files: readonly (ReadFile | undefined)[], project: string): void {
    if (this.errors.length === 0) return;
    const read = files.filter((file): file is ReadFile => file !== undefined);
    const placed = this.errors.map((error) => error.placed(positionOf(error, read, project)));
    const order = [...new Set(placed.map((error) => error.file))];
    const line = (error: ConfigError) => error.at?.line ?? Number.MAX_SAFE_INTEGER;
    placed.sort((a, b) => order.indexOf(a.file) - order.indexOf(b.file) || line(a) - line(b));
    throw new ConfigErrors(placed);
  }
}
