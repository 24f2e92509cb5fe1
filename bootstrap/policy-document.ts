/** An IAM policy statement, as the bootstrap writes them. */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  /** Only in resource and trust policies: who the statement is about. */
  readonly Principal?: Readonly<Record<string, string | readonly string[]>>;
  readonly Action: readonly string[];
  /** Absent in a repository policy, which is about its own repository. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[]>>>
  >;
}

/** A policy document of `statements`, as IAM takes it. */
export function policyDocument(statements: readonly Statement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * The IAM actions that create a role or change what a role may do. Every deploy role may call
 * them only for roles that carry the bootstrap's permissions boundary (the condition key
 * `iam:PermissionsBoundary`, which each of these actions supports), and the boundary itself
 * refuses them otherwise: see
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate
 */
export const ROLE_POWER_ACTIONS: readonly string[] = [
  "iam:CreateRole",
  "iam:PutRolePermissionsBoundary",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:AttachRolePolicy",
  "iam:DetachRolePolicy",
];

/** The condition that `iam:PermissionsBoundary` is exactly `boundaryArn`. */
export function carriesBoundary(boundaryArn: string): Statement["Condition"] {
  return { StringEquals: { "iam:PermissionsBoundary": boundaryArn } };
}
