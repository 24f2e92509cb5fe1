import { z } from "zod";
import { isoTime, parseInput } from "./json-input";

/**
 * The longest any job that runs `pulumi` against a pull-request stack may take (the largest
 * `timeout-minutes` in pr-environment.yml; tests/workflows/pr-environment.test.ts holds them to
 * it). A lock or a running update older than this belongs to a job GitHub has already cancelled or
 * timed out.
 */
export const LONGEST_JOB_MINUTES = 90;

/** Where a stack's lock is held, and since when. */
export interface StackLock {
  readonly since: Date;
  /** Which file or command the time comes from, for the sweeper's reasons. */
  readonly source: string;
}

/**
 * `aws s3api list-objects-v2 --bucket B --prefix <path>.pulumi/locks/ --output json` on the DIY
 * backend's bucket. The CLI prints no `Contents` when nothing is locked.
 */
const s3Listing = z.looseObject({
  Contents: z
    .array(z.looseObject({ Key: z.string().min(1), LastModified: z.string().min(1) }))
    .optional(),
});

/**
 * DIY lock files are `.pulumi/locks/<org>/<project>/<stack>/<id>.json` (project-scoped layout)
 * or `.pulumi/locks/<stack>/<id>.json` (the legacy layout), below any path prefix of the backend URL.
 */
const LOCK_KEY = /(?:^|\/)\.pulumi\/locks\/(?:[^/]+\/([^/]+)\/)?([^/]+)\/[^/]+\.json$/;

/**
 * The locks of a DIY backend's stacks of `project`, by stack name: the oldest lock file of each
 * (a crashed `pulumi` leaves its lock; `pulumi cancel` deletes them all).
 */
export function parseDiyLocks(file: string, text: string, project: string): Map<string, StackLock> {
  const listing = parseInput(
    s3Listing,
    file,
    text === "" ? "{}" : text,
    "an S3 listing of the backend's lock files",
    "aws s3api list-objects-v2 --bucket <bucket> --prefix <path>.pulumi/locks/ --output json",
  );
  const locks = new Map<string, StackLock>();
  for (const object of listing.Contents ?? []) {
    const match = LOCK_KEY.exec(object.Key);
    if (match === null) continue;
    const [, lockProject, stack = ""] = match;
    if (lockProject !== undefined && lockProject !== project) continue;
    const since = isoTime(file, `lock ${object.Key} has LastModified`, object.LastModified);
    const held = locks.get(stack);
    if (held === undefined || since < held.since) {
      locks.set(stack, { since, source: `lock file ${object.Key}` });
    }
  }
  return locks;
}

/**
 * `{"<stack>": <pulumi stack history --json --page-size 1 --stack <stack>>}` for each stack that
 * `pulumi stack ls` shows with an update in progress (the Pulumi Cloud backend).
 */
const runningUpdates = z.record(
  z.string().min(1),
  z.array(z.looseObject({ startTime: z.string().min(1), result: z.string().optional() })),
);

/**
 * The start of each stack's running update on the Pulumi Cloud backend, by stack name as
 * `pulumi stack ls` printed it. A stack whose newest update is no longer in progress is left out:
 * it finished between the two commands.
 */
export function parseRunningUpdates(file: string, text: string): Map<string, StackLock> {
  const histories = parseInput(
    runningUpdates,
    file,
    text,
    "the history of the stacks with an update in progress",
    '{"<stack>": <pulumi stack history --json --page-size 1 --stack <stack>>, …}',
  );
  const locks = new Map<string, StackLock>();
  for (const [stack, updates] of Object.entries(histories)) {
    const [newest] = updates;
    if (newest?.result !== "in-progress") continue;
    locks.set(stack, {
      since: isoTime(file, `stack "${stack}" has an update started at`, newest.startTime),
      source: "its running update",
    });
  }
  return locks;
}
