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

/**
 * The execution role's permissions: pull this image, write these logs, read this one secret (for
 * the `DB_USER` ECS injects at start).
 */
export function executionPolicy(
  pullRepositoryArn: string | undefined,
  logGroupArn: string,
  secretArn: string,
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
      {
        Sid: "ReadDatabaseSecret",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: secretArn,
      },
    ],
  });
}

/**
 * The task role's permissions: the application reads the database secret's current value when it
 * connects, because RDS rotates the password (that one secret; the RDS-managed secret is
 * encrypted with the `aws/secretsmanager` key, which needs no KMS grant), and it publishes its
 * assets to, and reads earlier releases' from, the stack's asset bucket. Nothing else.
 */
export function taskPolicy(secretArn: string, assetBucketArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadDatabaseSecret",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: secretArn,
      },
      {
        Sid: "PublishAndReadAssets",
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:GetObject"],
        Resource: `${assetBucketArn}/*`,
      },
    ],
  });
}
