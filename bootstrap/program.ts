import * as pulumi from "@pulumi/pulumi";
import * as aws from "./aws";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import type { BootstrapConfig } from "./config";
import { checkIamActions } from "./deploy-permissions";
import { DeployRoles } from "./deploy-roles";
import { GITHUB_ENVIRONMENTS, STATE_TIERS, withMaterial, type StateTier } from "./environments";
import * as github from "./github";
import { GithubSettings, type EnvironmentValues } from "./github-settings";
import { ImageRegistry } from "./image-registry";
import { StateBackend } from "./state-backend";

/**
 * The delivery system, once per organisation: per tier a state backend (bucket and secrets key),
 * the shared image registry, GitHub's OIDC provider with a role per GitHub environment, and the
 * repository's environments, their secrets and variables, and main's protection. Exports what
 * the main stacks and the administrator need next.
 */
export function defineBootstrap(config: BootstrapConfig) {
  checkIamActions(STATE_TIERS);
  const region = config["aws:region"];
  const awsProvider = new aws.Provider("aws", {
    region: region as aws.Region,
    // The project and stack every resource belongs to, as the policy pack's stack-tags requires.
    defaultTags: {
      tags: {
        project: pulumi.getProject(),
        environment: pulumi.getStack(),
        "managed-by": "pulumi",
      },
    },
  });
  const githubProvider = new github.Provider("github", { owner: config.githubOwner });
  const onAws = { provider: awsProvider };

  const state = Object.fromEntries(
    STATE_TIERS.map((tier) => [
      tier,
      new StateBackend(
        `state-${tier}`,
        { tier, bucketName: `${config.namePrefix}-state-${tier}`, region },
        { providers: [awsProvider] },
      ),
    ]),
  ) as Record<StateTier, StateBackend>;

  const registry = new ImageRegistry(
    "images",
    { repositoryName: config.mainProject, pullAccountIds: config.imagePullAccountIds ?? [] },
    { providers: [awsProvider] },
  );

  const identity = getCallerIdentityOutput({}, onAws);
  const roles = new DeployRoles(
    "deploy",
    {
      account: pulumi
        .all([identity.accountId, identity.arn])
        .apply(([id, arn]) => ({ id, partition: arn.split(":")[1] ?? "aws" })),
      namePrefix: config.namePrefix,
      repository: `${config.githubOwner}/${config.githubRepository}`,
      environments: GITHUB_ENVIRONMENTS,
      state: Object.fromEntries(
        STATE_TIERS.map((tier) => [
          tier,
          { bucketArn: state[tier].bucketArn, keyArn: state[tier].keyArn },
        ]),
      ) as Record<StateTier, { bucketArn: pulumi.Output<string>; keyArn: pulumi.Output<string> }>,
      registryArn: registry.repositoryArn,
    },
    { providers: [awsProvider] },
  );

  const cloudflareTokens: Record<StateTier, string | undefined> = {
    preview: config.previewCloudflareApiToken,
    staging: config.stagingCloudflareApiToken,
    production: config.productionCloudflareApiToken,
  };
  const values = Object.fromEntries(
    withMaterial(GITHUB_ENVIRONMENTS).map((environment): [string, EnvironmentValues] => [
      environment.name,
      {
        secrets: {
          PULUMI_BACKEND_URL: state[environment.tier].backendUrl,
          AWS_ROLE_ARN: roles.roleArns[environment.name],
          CLOUDFLARE_API_TOKEN: cloudflareTokens[environment.tier],
        },
        variables: { PULUMI_SECRETS_PROVIDER: state[environment.tier].secretsProvider },
      },
    ]),
  );
  new GithubSettings(
    "repository",
    {
      repository: config.githubRepository,
      environments: GITHUB_ENVIRONMENTS,
      values,
      reviewerTeamIds: config.productionReviewerTeamIds,
      requiredStatusChecks: config.requiredStatusChecks,
    },
    { providers: [githubProvider] },
  );

  return {
    /** Staging's `parity-stack:imageRepositoryUrl`. */
    imageRepositoryUrl: registry.repositoryUrl,
    /** Every stack's `parity-stack:rolePermissionsBoundary`. */
    rolePermissionsBoundaryArn: roles.boundaryArn,
    backendUrls: Object.fromEntries(STATE_TIERS.map((tier) => [tier, state[tier].backendUrl])),
    secretsProviders: Object.fromEntries(
      STATE_TIERS.map((tier) => [tier, state[tier].secretsProvider]),
    ),
    roleArns: roles.roleArns,
  };
}
