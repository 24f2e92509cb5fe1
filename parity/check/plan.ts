import { committedStacks, readProjectFile } from "../../stacks/project-files";
import { PR_BASE_STACK } from "../../stacks/spec";
import { checkParity } from "./check-parity";
import type { ParityReport } from "./report";

/** The pull-request stack `parity plan` evaluates next to the committed ones. */
export const SAMPLE_PR_STACK = "pr-1";
/** A fixed expiry for the sample PR stack, so its evaluation is the same on every run. */
export const SAMPLE_PR_EXPIRES_AT = "2030-01-01T00:00:00Z";

/**
 * The comparisons `parity plan` makes: every committed stack against the stack pull requests are
 * derived from (staging ↔ prod), and the sample PR stack against that stack (pr-1 ↔ staging).
 * Without a committed base stack, neighbouring committed stacks are compared.
 */
export function planPairs(stacks: readonly string[]): [string, string][] {
  if (!stacks.includes(PR_BASE_STACK)) {
    return stacks.slice(1).map((stack, i) => [stacks[i] as string, stack]);
  }
  return [
    ...stacks.filter((s) => s !== PR_BASE_STACK).map((s): [string, string] => [PR_BASE_STACK, s]),
    [SAMPLE_PR_STACK, PR_BASE_STACK],
  ];
}

/** `parity plan`: evaluates every committed stack and the sample PR stack, and compares them. */
export function planParity(options: { projectDir: string }): Promise<ParityReport> {
  const project = readProjectFile(options.projectDir).name;
  return checkParity({
    projectDir: options.projectDir,
    pairs: planPairs(committedStacks(options.projectDir)),
    config: { [SAMPLE_PR_STACK]: { [`${project}:expiresAt`]: SAMPLE_PR_EXPIRES_AT } },
  });
}
