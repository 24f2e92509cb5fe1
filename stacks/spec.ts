import type { KeyName, StackValues } from "./keys";

/** Where a value came from: a file path, `derived` (PR-stack overrides), `default` or `Pulumi config`. */
export type ValueSource = string;

/** A pull-request stack's identity: its number and when the sweeper may destroy it. */
export interface PullRequest {
  readonly number: number;
  readonly expiresAt: string | undefined;
}

/**
 * The validated environment of one stack: every declared key parsed and typed, where each value
 * came from, and the identity that infra/ turns into names and tags.
 */
export interface EnvironmentSpec {
  readonly project: string;
  readonly stack: string;
  /** Set for `pr-<n>` stacks, which are derived from staging. */
  readonly pullRequest: PullRequest | undefined;
  readonly values: Readonly<StackValues>;
  readonly sources: Readonly<Record<KeyName, ValueSource>>;
}

/** The stack every pull-request stack is derived from. */
export const PR_BASE_STACK = "staging";
/** The production stack, which staging mirrors. */
export const PRODUCTION_STACK = "prod";
/** The long-lived stacks the project commits a `Pulumi.<stack>.yaml` for. */
export const EXPECTED_STACKS = [PR_BASE_STACK, PRODUCTION_STACK] as const;

const PR_STACK = /^pr-([1-9]\d{0,8})$/;

/** The pull-request number of a `pr-<n>` stack name, or undefined for any other stack. */
export function pullRequestNumber(stack: string): number | undefined {
  const match = PR_STACK.exec(stack);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
