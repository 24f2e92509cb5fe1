import type { KeyName, StackValues } from "./keys";
import { PR_BASE_STACK } from "./spec";

/** How long a pull-request stack lives after its last deploy before the sweeper may destroy it. */
export const PR_TTL_HOURS = 72;

/**
 * Identity keys a `Pulumi.pr-<n>.yaml` may set itself; everything else comes from staging's file
 * plus {@link derivePullRequestValues}.
 */
export const PR_STACK_KEYS: readonly KeyName[] = [
  "expiresAt",
  "cloudflare:apiToken",
  "dbCloneSourceClusterId",
  "dbSnapshotIdentifier",
];

/**
 * The hostname of a pull-request stack: one label below the same zone as staging's, so Cloudflare's
 * Universal SSL certificate (`*.zone`) covers it: `staging.example.com` → `pr-42-staging.example.com`.
 */
export function pullRequestHostname(baseHostname: string, prNumber: number): string {
  const [first, ...rest] = baseHostname.split(".");
  return rest.length <= 1
    ? `pr-${prNumber}.${baseHostname}`
    : `pr-${prNumber}-${first}.${rest.join(".")}`;
}

/**
 * The identity overrides that turn staging's values into pull-request stack `pr-<n>`: its own
 * hostname, the preview tier, nothing that stops `pulumi destroy`, and — unless the stack names
 * its own data source — a copy-on-write clone of staging's database (cluster `<project>-staging`),
 * so migrations are rehearsed on staging-shaped data. Scale and topology stay staging's, so a PR
 * stack has production's topology.
 */
export function derivePullRequestValues(
  base: Readonly<StackValues>,
  prNumber: number,
  project: string,
): Partial<StackValues> {
  const ownData =
    base.dbSnapshotIdentifier !== undefined || base.dbCloneSourceClusterId !== undefined;
  return {
    tier: "preview",
    hostname: pullRequestHostname(base.hostname, prNumber),
    ownsZoneSettings: false,
    protect: false,
    deletionProtection: false,
    backupRetentionDays: 1,
    // A PR stack's images are never promoted.
    imagePullAccountIds: undefined,
    // …nor pushed where production pulls from: a PR stack builds into a repository of its own,
    // deleted with it, so PR builds never crowd production's images out of the shared registry.
    imageRepositoryUrl: undefined,
    ...(ownData ? {} : { dbCloneSourceClusterId: `${project}-${PR_BASE_STACK}` }),
  };
}

/**
 * The hostnames every pull-request stack derived from `baseHostname` gets, as a prefix and a
 * suffix around the pull request's number: the zone's edge rules cover them with the base's.
 */
export function pullRequestHostPattern(baseHostname: string): { prefix: string; suffix: string } {
  const prefix = "pr-";
  const sample = `${prefix}0`;
  return { prefix, suffix: pullRequestHostname(baseHostname, 0).slice(sample.length) };
}

/** The `expiresAt` a deploy at `now` gives a pull-request stack. */
export function pullRequestExpiry(now: Date): string {
  return new Date(now.getTime() + PR_TTL_HOURS * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
