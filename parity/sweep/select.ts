import { z } from "zod";
import { UserError } from "../../components/errors";
import { PR_TTL_HOURS } from "../../stacks/pr-stack";
import { pullRequestNumber } from "../../stacks/spec";

/** One entry of `pulumi stack ls --json` (sdk/go/auto StackSummary). */
const stackSummary = z.looseObject({
  name: z.string().min(1),
  current: z.boolean(),
  lastUpdate: z.string().optional(),
  updateInProgress: z.boolean(),
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
  readonly reason: string;
}

export interface SweepInput {
  readonly stacks: readonly StackSummary[];
  readonly openPullRequests: ReadonlySet<number>;
  readonly now: Date;
  /** @default PR_TTL_HOURS */
  readonly ttlHours?: number;
}

/**
 * Decides the fate of every `pr-<n>` stack: destroy it when its pull request is closed or its last
 * update is older than the TTL (the `expiresAt` a deploy sets is that same time), skip it while an
 * update is running, keep it otherwise. Other stacks are never touched.
 */
export function selectStacksToSweep(input: SweepInput): SweepDecision[] {
  const ttlHours = input.ttlHours ?? PR_TTL_HOURS;
  const decisions: SweepDecision[] = [];
  for (const stack of input.stacks) {
    const prNumber = pullRequestNumber(stack.name.split("/").pop() ?? stack.name);
    if (prNumber === undefined) continue;
    const decide = (action: SweepAction, reason: string): void => {
      decisions.push({ stack: stack.name, pullRequest: prNumber, action, reason });
    };
    if (stack.updateInProgress) {
      decide("skip", "an update is in progress; the next sweep looks again");
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
    const lastUpdate = new Date(stack.lastUpdate);
    const expiresAt = new Date(lastUpdate.getTime() + ttlHours * 3_600_000);
    decide(
      expiresAt < input.now ? "destroy" : "keep",
      expiresAt < input.now
        ? `last deployed ${stack.lastUpdate}, past its ${ttlHours}-hour TTL`
        : `pull request #${prNumber} is open; expires ${expiresAt.toISOString()}`,
    );
  }
  return decisions;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "unexpected shape";
  const where = issue.path
    .map((segment) => (typeof segment === "number" ? `[${segment}]` : `.${String(segment)}`))
    .join("");
  return where === "" ? issue.message : `${issue.message} at ${where}`;
}

/** Parses `pulumi stack ls --json` output, refusing anything else with a message saying so. */
export function parseStackList(file: string, text: string): StackSummary[] {
  const parsed = z.array(stackSummary).safeParse(parseJson(file, text));
  if (!parsed.success) {
    throw new UserError(
      `${file} is not \`pulumi stack ls --json\` output (${firstIssue(parsed.error)}); write it with: pulumi stack ls --json > ${file}`,
    );
  }
  for (const stack of parsed.data) {
    if (stack.lastUpdate !== undefined && stack.lastUpdate !== "") {
      if (Number.isNaN(Date.parse(stack.lastUpdate))) {
        throw new UserError(
          `${file}: stack "${stack.name}" has lastUpdate ${JSON.stringify(stack.lastUpdate)}, which is not an ISO 8601 time.`,
        );
      }
    }
  }
  return parsed.data;
}

/** Parses the open pull requests: `gh pr list --state open --json number` or a list of numbers. */
export function parseOpenPullRequests(file: string, text: string): Set<number> {
  const parsed = openPullRequests.safeParse(parseJson(file, text));
  if (!parsed.success) {
    throw new UserError(
      `${file} is not a list of open pull requests (${firstIssue(parsed.error)}); write it with: gh pr list --state open --limit 1000 --json number > ${file}`,
    );
  }
  return new Set(parsed.data.map((pr) => (typeof pr === "number" ? pr : pr.number)));
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserError(
      `${file} is not JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}
