import { z } from "zod";
import { UserError } from "../../components/errors";
import { PR_TTL_HOURS } from "../../stacks/pr-stack";
import { pullRequestNumber } from "../../stacks/spec";
import { isoTime, parseInput } from "./json-input";
import { LONGEST_JOB_MINUTES, type StackLock } from "./locks";

/**
 * One entry of `pulumi stack ls --json` (pkg/cmd/pulumi/stack/stack_list.go). Every backend omits
 * `lastUpdate` for a stack never updated; the DIY backend never prints `updateInProgress` or `url`,
 * and Pulumi Cloud prints `updateInProgress: true` without `lastUpdate` while an update runs.
 */
const stackSummary = z.looseObject({
  name: z.string().min(1),
  current: z.boolean(),
  lastUpdate: z.string().optional(),
  updateInProgress: z.boolean().optional(),
  resourceCount: z.number().int().optional(),
  url: z.string().optional(),
});

export type StackSummary = z.infer<typeof stackSummary>;

/** `gh pr list --state open --json number`, or a plain list of numbers. */
const openPullRequests = z.array(
  z.union([z.number().int().positive(), z.looseObject({ number: z.number().int().positive() })]),
);

export type SweepAction = "destroy" | "keep" | "skip";

/** What the sweeper does with one pull-request stack, and why. */
export interface SweepDecision {
  /** The stack name as `pulumi stack ls` printed it (possibly `org/project/pr-<n>`). */
  readonly stack: string;
  readonly pullRequest: number;
  readonly action: SweepAction;
  /**
   * The stack is held by an update whose job is gone: `pulumi cancel` it and clear its pending
   * creates (`pulumi refresh --clear-pending-creates`) before destroying it.
   */
  readonly cancelStaleUpdate: boolean;
  readonly reason: string;
}

export interface SweepInput {
  readonly stacks: readonly StackSummary[];
  readonly openPullRequests: ReadonlySet<number>;
  readonly now: Date;
  /**
   * Locks and running updates, by stack name as listed or by its last segment (`pr-<n>`): DIY
   * lock files ({@link parseDiyLocks}) or Pulumi Cloud's running updates ({@link parseRunningUpdates}).
   */
  readonly locks?: ReadonlyMap<string, StackLock>;
  /** @default PR_TTL_HOURS */
  readonly ttlHours?: number;
}

/** The `pr-<n>` part of a stack name as `pulumi stack ls` prints it (`org/project/pr-<n>`). */
export function shortStackName(name: string): string {
  return name.split("/").pop() ?? name;
}

/**
 * Decides the fate of every `pr-<n>` stack. A stack held by an update (a Cloud update in progress,
 * or a DIY lock file) is skipped while that update may still be running, and destroyed once it is
 * older than the longest job: the job that took it was cancelled or timed out, leaving the lock
 * and resources created but unrecorded. Otherwise a stack is destroyed when its pull request is
 * closed or its last update is older than the TTL (the `expiresAt` a deploy sets is that same
 * time), and kept. Other stacks are never touched.
 */
export function selectStacksToSweep(input: SweepInput): SweepDecision[] {
  const ttlHours = input.ttlHours ?? PR_TTL_HOURS;
  const decisions: SweepDecision[] = [];
  for (const stack of input.stacks) {
    const prNumber = pullRequestNumber(shortStackName(stack.name));
    if (prNumber === undefined) continue;
    const decide = (action: SweepAction, reason: string, cancelStaleUpdate = false): void => {
      decisions.push({
        stack: stack.name,
        pullRequest: prNumber,
        action,
        cancelStaleUpdate,
        reason,
      });
    };
    const lock = input.locks?.get(stack.name) ?? input.locks?.get(shortStackName(stack.name));
    if (lock !== undefined) {
      const staleAt = lock.since.getTime() + LONGEST_JOB_MINUTES * 60_000;
      if (staleAt < input.now.getTime()) {
        decide(
          "destroy",
          `held since ${lock.since.toISOString()} (${lock.source}), longer than any job runs (${LONGEST_JOB_MINUTES} minutes): cancel the update, clear its pending creates, destroy`,
          true,
        );
      } else {
        decide(
          "skip",
          `an update has held it since ${lock.since.toISOString()} (${lock.source}); the next sweep looks again`,
        );
      }
      continue;
    }
    if (stack.updateInProgress === true) {
      decide(
        "skip",
        "an update is in progress and its start is unknown; the next sweep looks again",
      );
      continue;
    }
    if (!input.openPullRequests.has(prNumber)) {
      decide("destroy", `pull request #${prNumber} is not open`);
      continue;
    }
    if (stack.lastUpdate === undefined || stack.lastUpdate === "") {
      decide("keep", `pull request #${prNumber} is open and the stack was never deployed`);
      continue;
    }
    const expiresAt = stackExpiry(stack.lastUpdate, ttlHours);
    decide(
      expiresAt < input.now ? "destroy" : "keep",
      expiresAt < input.now
        ? `last deployed ${stack.lastUpdate}, past its ${ttlHours}-hour TTL`
        : `pull request #${prNumber} is open; expires ${expiresAt.toISOString()}`,
    );
  }
  return decisions;
}

/** When a stack last updated at `lastUpdate` expires. */
export function stackExpiry(lastUpdate: string, ttlHours = PR_TTL_HOURS): Date {
  return new Date(new Date(lastUpdate).getTime() + ttlHours * 3_600_000);
}

/**
 * Whether two names `pulumi stack ls` printed are one stack: the same stack name, and the same
 * `org/project` unless one of them leaves it out (`pr-5` and `acme/parity-stack/pr-5`).
 */
function sameStack(a: string, b: string): boolean {
  const qualifier = (name: string) => name.split("/").slice(0, -1).join("/");
  const [qa, qb] = [qualifier(a), qualifier(b)];
  return shortStackName(a) === shortStackName(b) && (qa === "" || qb === "" || qa === qb);
}

/**
 * Parses `pulumi stack ls --json` output, refusing anything else with a message saying so: a
 * `lastUpdate` that is not an RFC 3339 time, and one stack listed twice (under one name or two),
 * which the CLI never prints and which would have it destroyed or counted twice.
 */
export function parseStackList(file: string, text: string): StackSummary[] {
  const stacks = parseInput(
    z.array(stackSummary),
    file,
    text,
    "`pulumi stack ls --json` output",
    "pulumi stack ls --json",
  );
  stacks.forEach((stack, index) => {
    if (stack.lastUpdate !== undefined && stack.lastUpdate !== "") {
      isoTime(file, `stack "${stack.name}" has lastUpdate`, stack.lastUpdate);
    }
    const first = stacks.findIndex((other) => sameStack(other.name, stack.name));
    if (first !== index) {
      throw new UserError(
        `${file}: [${first}] "${stacks[first]?.name ?? ""}" and [${index}] "${stack.name}" are one stack, which \`pulumi stack ls --json\` lists once. Pass the output of one run: pulumi stack ls --json > ${file}`,
      );
    }
  });
  return stacks;
}

/** Parses the open pull requests: `gh pr list --state open --json number` or a list of numbers. */
export function parseOpenPullRequests(file: string, text: string): Set<number> {
  const prs = parseInput(
    openPullRequests,
    file,
    text,
    "a list of open pull requests",
    "gh pr list --state open --limit 1000 --json number",
  );
  return new Set(prs.map((pr) => (typeof pr === "number" ? pr : pr.number)));
}
