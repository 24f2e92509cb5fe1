import type * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "./binding";
/**
 * IAM documents of the container service's roles, as pure functions of the ARNs they name, so
 * least privilege is visible (and tested) in one place.
 */

/** What pulling an image from an ECR repository takes, besides the account-wide login. */
export const ECR_PULL_ACTIONS = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:BatchGetImage",
  "ecr:GetDownloadUrlForLayer",
];

/** IAM trust policy letting ECS tasks assume a role. */
export const ECS_TASKS_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Service: "ecs-tasks.amazonaws.com" },
      Action: "sts:AssumeRole",
    },
  ],
});

/** A policy statement with every value resolved, as the role policies are written. */
export type ResolvedStatement = pulumi.Unwrap<PolicyStatement>;

/**
 * The execution role's permissions: pull this image, write these logs, and what the bindings need
 * for ECS to start a task (reading the secrets it injects).
 */
export function executionPolicy(
  pullRepositoryArn: string | undefined,
  logGroupArn: string,
  bindings: readonly ResolvedStatement[],
): string {
  const pull =
    pullRepositoryArn === undefined
      ? []
      : [
          {
            Sid: "EcrLogin",
            Effect: "Allow",
            Action: ["ecr:GetAuthorizationToken"],
            Resource: "*",
          },
          {
            Sid: "PullImage",
            Effect: "Allow",
            Action: ECR_PULL_ACTIONS,
            Resource: pullRepositoryArn,
          },
        ];
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      ...pull,
      {
        Sid: "WriteLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: [logGroupArn, `${logGroupArn}:log-stream:*`],
      },
      ...bindings,
    ],
  });
}

/**
 * The task role's permissions: what the bindings let the application do (read the database
 * secret's current value, which RDS rotates), and publishing its assets to, and reading earlier
 * releases' from, the stack's asset bucket. Nothing else.
 */
export function taskPolicy(bindings: readonly ResolvedStatement[], assetBucketArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      ...bindings,
      {
        Sid: "PublishAndReadAssets",
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:GetObject"],
        Resource: `${assetBucketArn}/*`,
      },
    ],
  });
}
