import type { RecordedResource } from "../offline/recorder";
import { mainOnly, PROTECTED_TIERS } from "./environment-rule";
import { resourceLabel, tierOf } from "./graph";
import {
  globMatches,
  isAllowed,
  statementsOf,
  type IamRequest,
  type PolicyStatement,
  type RolePolicies,
} from "./iam-evaluation";
import type { BootstrapFinding } from "./report";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const POLICY = "aws:iam/policy:Policy";
const GITHUB_SUB = "token.actions.githubusercontent.com:sub";
/** An attached policy the graph does not hold (an AWS managed one) may allow anything. */
const UNKNOWN_POLICY: PolicyStatement[] = [{ Effect: "Allow", Action: "*", Resource: "*" }];

/** The subjects of GitHub's OIDC tokens that only code on main can present. */
function mainOnlySubjects(resources: readonly RecordedResource[], repository: string): Set<string> {
  const environments = resources
    .filter((r) => r.type === "github:index/repositoryEnvironment:RepositoryEnvironment")
    .map((r) => String(r.inputs.environment))
    .filter((name) => mainOnly(resources, name));
  return new Set([
    `repo:${repository}:ref:refs/heads/main`,
    ...environments.map((name) => `repo:${repository}:environment:${name}`),
  ]);
}

/** The `sub` values a trust statement admits; undefined when it admits any. */
function subjects(statement: PolicyStatement): string[] | undefined {
  const values = Object.values(statement.Condition ?? {}).flatMap((keys) => {
    const value = keys[GITHUB_SUB];
    return value === undefined
      ? []
      : [value].flat().map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  });
  return values.length === 0 ? undefined : values;
}

function assumes(statement: PolicyStatement, action: string): boolean {
  const actions = statement.Action === undefined ? [] : [statement.Action].flat();
  return statement.Effect === "Allow" && actions.some((a) => globMatches(a, action, true));
}

/**
 * Roles code on a branch other than main can act as: trusted for a GitHub subject that is not
 * main-only (the preview environment, a pull request, any branch, an environment without the main
 * restriction, or no subject condition at all), and roles that trust such a role.
 */
export function previewReachableRoles(
  resources: readonly RecordedResource[],
  repository: string,
): RecordedResource[] {
  const protectedSubjects = mainOnlySubjects(resources, repository);
  const roles = resources.filter((r) => r.type === ROLE);
  const reachable = new Set<RecordedResource>();
  const trusts = (role: RecordedResource) => statementsOf(role.inputs.assumeRolePolicy);
  for (const role of roles) {
    const github = trusts(role).filter((s) => assumes(s, "sts:AssumeRoleWithWebIdentity"));
    const open = github.some((s) => {
      const subs = subjects(s);
      return subs === undefined || subs.some((sub) => !protectedSubjects.has(sub));
    });
    if (open) reachable.add(role);
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const role of roles.filter((r) => !reachable.has(r))) {
      const arns = [...reachable].map((r) => String(r.outputs.arn));
      const trusted = trusts(role)
        .filter((s) => assumes(s, "sts:AssumeRole"))
        .some((s) => {
          if (s.Principal === "*") return true;
          const principal = (s.Principal ?? {}) as Record<string, unknown>;
          const aws = principal.AWS === undefined ? [] : [principal.AWS].flat().map(String);
          return aws.some((p) => arns.some((arn) => globMatches(p, arn)));
        });
      if (trusted) {
        reachable.add(role);
        grew = true;
      }
    }
  }
  return roles.filter((r) => reachable.has(r));
}

/** A role's identity policies and boundary, as the graph holds them. */
export function policiesOf(
  resources: readonly RecordedResource[],
  role: RecordedResource,
): RolePolicies {
  const names = [role.id, role.outputs.name, role.outputs.arn].filter((v) => v !== undefined);
  const ofRole = (r: RecordedResource) => names.includes(r.inputs.role as string);
  const managed = (arn: unknown) => {
    const policy = resources.find((r) => r.type === POLICY && r.outputs.arn === arn);
    return policy === undefined ? undefined : statementsOf(policy.inputs.policy);
  };
  const inline = ((role.inputs.inlinePolicies ?? []) as { policy?: unknown }[]).flatMap((p) =>
    statementsOf(p.policy),
  );
  const identity = [
    ...inline,
    ...resources
      .filter((r) => r.type === ROLE_POLICY && ofRole(r))
      .flatMap((r) => statementsOf(r.inputs.policy)),
    ...resources
      .filter((r) => r.type === ATTACHMENT && ofRole(r))
      .flatMap((r) => managed(r.inputs.policyArn) ?? UNKNOWN_POLICY),
  ];
  const boundaryArn = role.inputs.permissionsBoundary;
  return { identity, boundary: boundaryArn === undefined ? undefined : managed(boundaryArn) };
}

/** What reading a tier's state or key takes, or lets one grant oneself. */
function readRequests(target: RecordedResource): IamRequest[] {
  const arn = String(target.outputs.arn);
  if (target.type === "aws:s3/bucket:Bucket") {
    return [
      {
        action: "s3:GetObject",
        resource: `${arn}/.pulumi/stacks/any-project/any-stack.json`,
        context: {},
      },
      { action: "s3:PutBucketPolicy", resource: arn, context: {} },
    ];
  }
  if (target.type === "aws:kms/key:Key") {
    return ["kms:Decrypt", "kms:CreateGrant", "kms:PutKeyPolicy"].map((action) => ({
      action,
      resource: arn,
      context: {},
    }));
  }
  return [];
}

/**
 * For every role reachable from the preview environment: it may not read (or grant itself)
 * staging's or production's state bucket or secrets key, and may not create a role without the
 * permissions boundary, nor remove a role's boundary.
 */
export function checkPreviewReach(
  resources: readonly RecordedResource[],
  repository: string,
): BootstrapFinding[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const guarded = resources.filter(
    (r) => PROTECTED_TIERS.includes(tierOf(r, byUrn) ?? "") && readRequests(r).length > 0,
  );
  const account = (role: RecordedResource) => String(role.outputs.arn).split(":")[4] ?? "";
  return previewReachableRoles(resources, repository).flatMap((role) => {
    const policies = policiesOf(resources, role);
    const findings: BootstrapFinding[] = [];
    for (const target of guarded) {
      const request = readRequests(target).find((r) => isAllowed(policies, r));
      if (request !== undefined) {
        findings.push({
          rule: "preview-reads-no-other-state",
          resource: resourceLabel(role),
          message: `role ${String(role.outputs.name)} is reachable from the preview environment and may ${request.action} on ${tierOf(target, byUrn) ?? ""}'s ${resourceLabel(target)} (${request.resource}). Fix: deny it in the role's permissions boundary, or stop the preview environment reaching the role.`,
        });
      }
    }
    const roleArn = `arn:aws:iam::${account(role)}:role/created-by-preview`;
    const unbounded: IamRequest[] = [
      { action: "iam:CreateRole", resource: roleArn, context: {} },
      {
        action: "iam:CreateRole",
        resource: roleArn,
        context: {
          "iam:PermissionsBoundary": `arn:aws:iam::${account(role)}:policy/any-other-policy`,
        },
      },
      { action: "iam:DeleteRolePermissionsBoundary", resource: roleArn, context: {} },
    ];
    const escalation = unbounded.find((r) => isAllowed(policies, r));
    if (escalation !== undefined) {
      const boundary = escalation.context["iam:PermissionsBoundary"];
      findings.push({
        rule: "preview-creates-bounded-roles",
        resource: resourceLabel(role),
        message: `role ${String(role.outputs.name)} is reachable from the preview environment and may ${escalation.action} ${boundary === undefined ? "without a permissions boundary" : `with another boundary (${boundary})`}, making a role more powerful than itself. Fix: allow it only with Condition StringEquals iam:PermissionsBoundary = the bootstrap's boundary, and carry that boundary.`,
      });
    }
    return findings;
  });
}
