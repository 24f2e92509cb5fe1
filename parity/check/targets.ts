import { existsSync } from "node:fs";
import path from "node:path";
import { UserError } from "../../components/errors";
import { didYouMean } from "../../stacks/config-error";
import { committedStacks } from "../../stacks/project-files";
import { pullRequestNumber } from "../../stacks/spec";

/** What one side of a comparison names: a stack evaluated offline, or a Pulumi JSON file. */
export type Target =
  | { readonly kind: "stack"; readonly stack: string }
  | { readonly kind: "file"; readonly file: string };

const FILE_LIKE = /[/\\]|\.jsonl?$/;

/**
 * Resolves a `parity diff` argument: an existing file or anything path-like is a file; a committed
 * stack or `pr-<n>` is evaluated offline; anything else is refused with the stacks there are.
 */
export function resolveTarget(projectDir: string, arg: string): Target {
  if (existsSync(arg) || FILE_LIKE.test(arg)) return { kind: "file", file: path.normalize(arg) };
  const stacks = committedStacks(projectDir);
  if (stacks.includes(arg) || pullRequestNumber(arg) !== undefined) {
    return { kind: "stack", stack: arg };
  }
  throw new UserError(
    `unknown stack "${arg}"${didYouMean(arg, stacks)}. Allowed: a committed stack (${stacks.join(", ") || "none"}), pr-<number>, or the path of a Pulumi JSON file.`,
  );
}
