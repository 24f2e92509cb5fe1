import * as pulumi from "@pulumi/pulumi";
import * as github from "./github";
import { MAIN_BRANCH, restrictedToMain, type GithubEnvironment } from "./environments";

export const GITHUB_SETTINGS_TYPE = "parity:bootstrap:GithubSettings";

/** What one GitHub environment's jobs receive: secrets (masked in logs) and plain variables. */
export interface EnvironmentValues {
  readonly secrets: Readonly<Record<string, pulumi.Input<string> | undefined>>;
  readonly variables: Readonly<Record<string, pulumi.Input<string>>>;
}

export interface GithubSettingsArgs {
  readonly repository: string;
  readonly environments: readonly GithubEnvironment[];
  readonly values: Readonly<Record<string, EnvironmentValues>>;
  /** Teams that approve every job of a reviewed environment. */
  readonly reviewerTeamIds: readonly number[];
  /** Checks a pull request must pass to merge into main. */
  readonly requiredStatusChecks: readonly string[];
}

/**
 * The repository's delivery settings: each environment with its deployment-branch policy (every
 * environment holding staging's or production's material deploys from main only), required
 * reviewers where the environment is reviewed, its secrets and variables; and main's branch
 * protection (the required checks, an approving review, no force push or deletion, admins
 * included), so what reaches main has passed ci.
 */
export class GithubSettings extends pulumi.ComponentResource {
  constructor(name: string, args: GithubSettingsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(GITHUB_SETTINGS_TYPE, name, {}, opts);
    const parent = { parent: this };
    const repository = args.repository;

    for (const environment of args.environments) {
      const mainOnly = restrictedToMain(environment);
      const created = new github.RepositoryEnvironment(
        `${name}-${environment.name}`,
        {
          repository,
          environment: environment.name,
          canAdminsBypass: !mainOnly,
          preventSelfReview: environment.reviewed,
          reviewers: environment.reviewed ? [{ teams: [...args.reviewerTeamIds] }] : undefined,
          deploymentBranchPolicy: mainOnly
            ? { protectedBranches: false, customBranchPolicies: true }
            : undefined,
        },
        parent,
      );
      if (mainOnly) {
        new github.RepositoryEnvironmentDeploymentPolicy(
          `${name}-${environment.name}-main`,
          { repository, environment: created.environment, branchPattern: MAIN_BRANCH },
          parent,
        );
      }
      const values = args.values[environment.name] ?? { secrets: {}, variables: {} };
      for (const [secretName, value] of Object.entries(values.secrets)) {
        if (value === undefined) continue;
        new github.ActionsEnvironmentSecret(
          `${name}-${environment.name}-${secretName}`,
          {
            repository,
            environment: created.environment,
            secretName,
            value: pulumi.secret(value),
          },
          parent,
        );
      }
      for (const [variableName, value] of Object.entries(values.variables)) {
        new github.ActionsEnvironmentVariable(
          `${name}-${environment.name}-${variableName}`,
          { repository, environment: created.environment, variableName, value },
          parent,
        );
      }
    }

    new github.BranchProtection(
      `${name}-${MAIN_BRANCH}`,
      {
        repositoryId: repository,
        pattern: MAIN_BRANCH,
        enforceAdmins: true,
        allowsDeletions: false,
        allowsForcePushes: false,
        requiredStatusChecks: [{ strict: true, contexts: [...args.requiredStatusChecks] }],
        requiredPullRequestReviews: [
          { requiredApprovingReviewCount: 1, dismissStaleReviews: true },
        ],
      },
      parent,
    );
    this.registerOutputs({});
  }
}
