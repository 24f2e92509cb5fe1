import { existsSync } from "node:fs";
import path from "node:path";
import { UserError } from "../components/errors";

/**
 * The project directory for a command run in `from`: the nearest directory at or above it that
 * holds Pulumi.yaml, as `pulumi` finds its project; undefined outside any project.
 */
export function findProjectDir(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** {@link findProjectDir}, refusing with one line a command run outside any project. */
export function projectDirOf(from: string): string {
  const dir = findProjectDir(from);
  if (dir === undefined) {
    throw new UserError(
      `no Pulumi.yaml in ${path.resolve(from)} or any directory above it. Fix: run parity in the project (the directory holding Pulumi.yaml) or a directory inside it.`,
    );
  }
  return dir;
}
