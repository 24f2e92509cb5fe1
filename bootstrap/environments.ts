/**
 * The delivery system's environments, as data: the state tiers that each have their own state
 * bucket and secrets key, and the GitHub environments whose jobs use them.
 */

/** A tier with its own state bucket, secrets key and deploy role. */
export type StateTier = "preview" | "staging" | "production";
export const STATE_TIERS: readonly StateTier[] = ["preview", "staging", "production"];

/**
 * What a GitHub environment's AWS role may do besides reading its tier's state: deploy the
 * tier's stacks (`pulumi up`, `destroy`), or only rehearse production's migrations on a clone. An
 * `approve` environment holds nothing (no role, no secrets): it only makes its reviewers approve a
 * job, such as a production plan that replaces or deletes stateful resources.
 */
export type Access = "deploy" | "rehearse" | "approve";

export interface GithubEnvironment {
  /** The environment's name in GitHub (`environment:` of a job). */
  readonly name: string;
  /** Whose state, secrets key and Cloudflare token its jobs hold. */
  readonly tier: StateTier;
  readonly access: Access;
  /** Required reviewers approve each job before it runs (production). */
  readonly reviewed: boolean;
  /**
   * Its jobs read the tier's live database schema (.github/workflows/schema.yml): register a copy
   * of the migration task, run it once and read its log. The rehearsal's access includes it.
   */
  readonly readsSchema: boolean;
}

/**
 * Every GitHub environment the workflows run jobs in. `preview` runs pull-request code; every
 * other environment holds staging's or production's material and so deploys from main only
 * ({@link restrictedToMain}).
 */
export const GITHUB_ENVIRONMENTS: readonly GithubEnvironment[] = [
  { name: "preview", tier: "preview", access: "deploy", reviewed: false, readsSchema: false },
  { name: "staging", tier: "staging", access: "deploy", reviewed: false, readsSchema: true },
  {
    name: "production-rehearsal",
    tier: "production",
    access: "rehearse",
    reviewed: false,
    readsSchema: true,
  },
  { name: "production", tier: "production", access: "deploy", reviewed: true, readsSchema: false },
  {
    name: "production-destructive",
    tier: "production",
    access: "approve",
    reviewed: true,
    readsSchema: false,
  },
];

/** The environments whose jobs get an AWS role and the tier's secrets. */
export function withMaterial(environments: readonly GithubEnvironment[]): GithubEnvironment[] {
  return environments.filter((environment) => environment.access !== "approve");
}

/** The branch every environment holding staging's or production's material deploys from. */
export const MAIN_BRANCH = "main";

/** Whether jobs of `environment` may run only on {@link MAIN_BRANCH}. */
export function restrictedToMain(environment: GithubEnvironment): boolean {
  return environment.tier !== "preview";
}

/**
 * The tag naming the tier a bootstrap resource serves (its state bucket, key, role): what
 * `parity plan` reads to know whose material a resource is.
 */
export const TIER_TAG = "parity:tier";
