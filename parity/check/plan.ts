import path from "node:path";
import { UserError } from "../../components/errors";
import { committedStacks, readProjectFile, stackFilePath } from "../../stacks/project-files";
import { EXPECTED_STACKS, PR_BASE_STACK } from "../../stacks/spec";
import type { Evaluations } from "../offline/evaluations";
import { checkParity } from "./check-parity";
import type { ParityReport } from "./report";

/** The pull-request stack `parity plan` evaluates next to the committed ones. */
export const SAMPLE_PR_STACK = "pr-1";
/** A fixed expiry for the sample PR stack, so its evaluation is the same on every run. */
export const SAMPLE_PR_EXPIRES_AT = "2030-01-01T00:00:00Z";

/**
 * The comparisons `parity plan` makes: every committed stack against the stack pull requests are
 * derived from (staging ↔ prod), and the sample PR stack against that stack (pr-1 ↔ staging).
 */
export function planPairs(stacks: readonly string[]): [string, string][] {
  return [
    ...stacks.filter((s) => s !== PR_BASE_STACK).map((s): [string, string] => [PR_BASE_STACK, s]),
    [SAMPLE_PR_STACK, PR_BASE_STACK],
  ];
}

/** One stack `parity plan` evaluates, with the config it adds to the stack's own. */
export interface PlanStack {
  readonly stack: string;
  readonly config?: Readonly<Record<string, string>>;
}

/**
 * The stacks `parity plan` evaluates: every committed stack, then the sample pull-request stack
 * with its fixed expiry.
 */
export function planStacks(projectDir: string): PlanStack[] {
  const project = readProjectFile(projectDir).name;
  return [
    ...committedStacks(projectDir).map((stack) => ({ stack })),
    { stack: SAMPLE_PR_STACK, config: { [`${project}:expiresAt`]: SAMPLE_PR_EXPIRES_AT } },
  ];
}

/**
 * `parity plan`: evaluates every committed stack and the sample PR stack, and compares them.
 * Refuses a checkout without the stack file of an expected stack: the check would compare less
 * than it claims.
 */
export async function planParity(options: {
  readonly projectDir: string;
  readonly evaluations?: Evaluations;
}): Promise<ParityReport> {
  const project = readProjectFile(options.projectDir).name;
  const stacks = committedStacks(options.projectDir);
  for (const stack of EXPECTED_STACKS) {
    if (stacks.includes(stack)) continue;
    const file = path.basename(stackFilePath(options.projectDir, stack));
    throw new UserError(
      `${file}: not found, so stack "${stack}" cannot be compared and parity cannot be decided. Allowed: a committed stack file for each of ${EXPECTED_STACKS.join(", ")}. Fix: restore ${file} next to Pulumi.yaml (git checkout -- ${file}).`,
    );
  }
  return checkParity({
    projectDir: options.projectDir,
    pairs: planPairs(stacks),
    config: { [SAMPLE_PR_STACK]: { [`${project}:expiresAt`]: SAMPLE_PR_EXPIRES_AT } },
    evaluations: options.evaluations,
  });
}
