import type { Statement } from "./policy-document";

/** A tier's state: its bucket and its secrets key. */
export interface StateRefs {
  readonly bucketArn: string;
  readonly keyArn: string;
}

/** Deploying: read and write the tier's checkpoints and locks, encrypt and decrypt its secrets. */
export function stateReadWrite(state: StateRefs): Statement[] {
  return [
    {
      Sid: "StateBucket",
      Effect: "Allow",
      Action: ["s3:ListBucket", "s3:GetBucketLocation", "s3:GetBucketVersioning"],
      Resource: state.bucketArn,
    },
    {
      Sid: "StateObjects",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      Resource: `${state.bucketArn}/*`,
    },
    {
      Sid: "StateSecrets",
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
      Resource: state.keyArn,
    },
  ];
}

/**
 * Rehearsing against a tier's stack (`pulumi preview`): read its checkpoints and secrets, and
 * take and release the DIY backend's lock (`.pulumi/locks/`), nothing else.
 */
export function stateRead(state: StateRefs): Statement[] {
  return [
    {
      Sid: "StateBucket",
      Effect: "Allow",
      Action: ["s3:ListBucket", "s3:GetBucketLocation"],
      Resource: state.bucketArn,
    },
    {
      Sid: "StateObjects",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: `${state.bucketArn}/*`,
    },
    {
      Sid: "StateLocks",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:DeleteObject"],
      Resource: `${state.bucketArn}/.pulumi/locks/*`,
    },
    {
      Sid: "StateSecrets",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:DescribeKey"],
      Resource: state.keyArn,
    },
  ];
}
