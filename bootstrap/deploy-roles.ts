import * as pulumi from "@pulumi/pulumi";
import * as aws from "./aws";
import { boundaryStatements } from "./boundary";
import { deployStatements, rehearsalStatements } from "./deploy-permissions";
import { TIER_TAG, type GithubEnvironment, type StateTier, withMaterial } from "./environments";
import { policyDocument, type Statement } from "./policy-document";
import { stateRead, stateReadWrite, type StateRefs } from "./state-access";

export const DEPLOY_ROLES_TYPE = "parity:bootstrap:DeployRoles";

/** GitHub's OIDC issuer: https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect */
export const GITHUB_OIDC_URL = "https://token.actions.githubusercontent.com";
const GITHUB_OIDC_HOST = GITHUB_OIDC_URL.replace("https://", "");
/** The audience aws-actions/configure-aws-credentials requests. */
const STS_AUDIENCE = "sts.amazonaws.com";
/** Longest deploy (a new stack is about 25 minutes) with room: the session must outlast it. */
const SESSION_SECONDS = 2 * 3600;

/** The sweeper lists resources tagged for pull requests that have no stack. */
const SWEEPER: Statement = {
  Sid: "Sweeper",
  Effect: "Allow",
  Action: ["tag:GetResources"],
  Resource: "*",
};

/** A tier's state bucket and key, as the state backend outputs them. */
type StateOutputs = { readonly [K in keyof StateRefs]: pulumi.Input<string> };

export interface DeployRolesArgs {
  /** The account the roles live in: the boundary's ARN names it. */
  readonly account: pulumi.Input<{ readonly id: string; readonly partition: string }>;
  readonly namePrefix: string;
  /** `owner/repository`: roles trust only this repository's jobs. */
  readonly repository: string;
  readonly environments: readonly GithubEnvironment[];
  readonly state: Readonly<Record<StateTier, StateOutputs>>;
  readonly registryArn: pulumi.Input<string>;
}

/**
 * GitHub's OIDC provider and one role per GitHub environment, each trusting only jobs of that
 * environment in this repository (`repo:<owner>/<repo>:environment:<name>`), so no stored AWS
 * key exists. A deploy role may read and write its own tier's state and use its key, and do
 * exactly what its tier's stacks register (bootstrap/iam-actions.yaml); the rehearsal role reads
 * production's state and clones, migrates and deletes a database. Roles are created only with
 * the permissions boundary, which the preview role carries itself.
 */
export class DeployRoles extends pulumi.ComponentResource {
  /** Each GitHub environment's role ARN. */
  readonly roleArns: Readonly<Record<string, pulumi.Output<string>>>;
  /** The boundary every role a stack creates carries (the stacks' rolePermissionsBoundary). */
  readonly boundaryArn: pulumi.Output<string>;

  constructor(name: string, args: DeployRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super(DEPLOY_ROLES_TYPE, name, {}, opts);
    const parent = { parent: this };
    const provider = new aws.iam.OpenIdConnectProvider(
      `${name}-github`,
      { url: GITHUB_OIDC_URL, clientIdLists: [STS_AUDIENCE] },
      parent,
    );
    const boundaryName = `${args.namePrefix}-role-boundary`;
    const boundaryArn = pulumi
      .output(args.account)
      .apply(({ id, partition }) => `arn:${partition}:iam::${id}:policy/${boundaryName}`);
    const state = pulumi.output(args.state);
    const boundary = new aws.iam.Policy(
      `${name}-boundary`,
      {
        name: boundaryName,
        description: "The most the preview deploy role, and any role a stack creates, may do",
        policy: pulumi
          .all([boundaryArn, state, args.registryArn])
          .apply(([selfArn, tiers, registryArn]) =>
            policyDocument(
              boundaryStatements({
                selfArn,
                protectedState: [tiers.staging, tiers.production],
                registryArn,
              }),
            ),
          ),
      },
      parent,
    );

    const roleArns: Record<string, pulumi.Output<string>> = {};
    for (const environment of withMaterial(args.environments)) {
      const preview = environment.tier === "preview";
      const statements = pulumi
        .all([state, boundaryArn])
        .apply(([tiers, bounded]): Statement[] =>
          environment.access === "deploy"
            ? [
                ...stateReadWrite(tiers[environment.tier]),
                ...deployStatements(environment.tier, bounded, environment.readsSchema),
                ...(preview ? [SWEEPER] : []),
              ]
            : [...stateRead(tiers[environment.tier]), ...rehearsalStatements(bounded)],
        );
      const role = new aws.iam.Role(
        `${name}-${environment.name}`,
        {
          name: `${args.namePrefix}-github-${environment.name}`,
          description: `GitHub Actions jobs of environment ${environment.name} in ${args.repository}`,
          assumeRolePolicy: provider.arn.apply((federated) =>
            policyDocument([
              {
                Sid: "GithubEnvironment",
                Effect: "Allow",
                Principal: { Federated: federated },
                Action: ["sts:AssumeRoleWithWebIdentity"],
                Condition: {
                  StringEquals: {
                    [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE,
                    [`${GITHUB_OIDC_HOST}:sub`]: `repo:${args.repository}:environment:${environment.name}`,
                  },
                },
              },
            ]),
          ),
          maxSessionDuration: SESSION_SECONDS,
          permissionsBoundary: preview ? boundary.arn : undefined,
          tags: { [TIER_TAG]: environment.tier },
        },
        parent,
      );
      new aws.iam.RolePolicy(
        `${name}-${environment.name}`,
        { role: role.id, policy: statements.apply(policyDocument) },
        parent,
      );
      roleArns[environment.name] = role.arn;
    }

    this.roleArns = roleArns;
    this.boundaryArn = boundary.arn;
    this.registerOutputs({ roleArns, boundaryArn: this.boundaryArn });
  }
}
