import { PR_TTL_HOURS } from "../../stacks/pr-stack";
import { pullRequestNumber } from "../../stacks/spec";
import { shortStackName, stackExpiry, type StackSummary } from "./select";

/** Whether pull-request stack `stack` may deploy now, and if not, why and when. */
export interface Admission {
  readonly stack: string;
  readonly admitted: boolean;
  /** The other pull-request stacks that exist. */
  readonly others: readonly string[];
  readonly limit: number;
  /** The earliest time the sweeper may destroy one of the others, if any was ever deployed. */
  readonly firstExpiry: Date | undefined;
}

/**
 * A pull-request stack that already exists may always update; a new one only while fewer than
 * `limit` other pull-request stacks exist.
 */
export function admitPullRequestStack(input: {
  readonly stacks: readonly StackSummary[];
  readonly stack: string;
  readonly limit: number;
}): Admission {
  const prStacks = input.stacks.filter(
    (s) => pullRequestNumber(shortStackName(s.name)) !== undefined,
  );
  const exists = prStacks.some((s) => shortStackName(s.name) === input.stack);
  const others = prStacks.filter((s) => shortStackName(s.name) !== input.stack);
  const expiries = others.flatMap((s) =>
    s.lastUpdate === undefined || s.lastUpdate === "" ? [] : [stackExpiry(s.lastUpdate).getTime()],
  );
  return {
    stack: input.stack,
    admitted: exists || others.length < input.limit,
    others: others.map((s) => shortStackName(s.name)).sort(),
    limit: input.limit,
    firstExpiry: expiries.length === 0 ? undefined : new Date(Math.min(...expiries)),
  };
}

/** The pull-request comment of a stack that has to wait. */
export function renderWaitingComment(admission: Admission, configFile: string): string {
  const when =
    admission.firstExpiry === undefined
      ? ""
      : ` (the first may go at ${admission.firstExpiry.toISOString()})`;
  return [
    `### Preview environment \`${admission.stack}\` waits`,
    "",
    `${admission.others.length} preview stacks exist (${admission.others.map((s) => `\`${s}\``).join(", ")}), the most this repository runs at once (\`prStackLimit: ${admission.limit}\` in \`${configFile}\`). Each one is an Aurora clone of staging (AWS allows 15 per cluster) and takes 3 Elastic IPs, 3 NAT gateways and a VPC from the account's quotas.`,
    "",
    `This pull request deploys once one of them is destroyed: when its pull request closes, or when the sweeper removes it ${PR_TTL_HOURS} hours after its last deploy${when}. Push a commit or re-run this job then.`,
    "",
  ].join("\n");
}
