import * as pulumi from "@pulumi/pulumi";
import * as aws from "./aws";
import { TIER_TAG, type StateTier } from "./environments";
import { policyDocument } from "./policy-document";

export const STATE_BACKEND_TYPE = "parity:bootstrap:StateBackend";

export interface StateBackendArgs {
  readonly tier: StateTier;
  /** The bucket's name: global across AWS, so it carries the organisation's prefix. */
  readonly bucketName: string;
  readonly region: string;
}

/** Days KMS waits before deleting a scheduled key: the longest, as every secret of the tier dies with it. */
const KEY_DELETION_WINDOW_DAYS = 30;

/**
 * One tier's Pulumi state: a versioned S3 bucket (every checkpoint can be restored), encrypted
 * with the tier's own KMS key, public access blocked, object ownership enforced and plain HTTP
 * refused; and the KMS key (rotated yearly) that encrypts the stacks' secrets
 * (`--secrets-provider awskms://alias/…`), so no passphrase is shared. Both are protected: losing
 * them loses every stack of the tier.
 */
export class StateBackend extends pulumi.ComponentResource {
  /** `s3://<bucket>?region=<region>`: the tier's PULUMI_BACKEND_URL. */
  readonly backendUrl: pulumi.Output<string>;
  /** `awskms://alias/<name>?region=<region>`: the tier's secrets provider. */
  readonly secretsProvider: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: StateBackendArgs, opts?: pulumi.ComponentResourceOptions) {
    super(STATE_BACKEND_TYPE, name, {}, opts);
    const parent = { parent: this, protect: true };
    const tags = { [TIER_TAG]: args.tier };

    const key = new aws.kms.Key(
      `${name}-secrets`,
      {
        description: `Pulumi secrets of the ${args.tier} stacks`,
        enableKeyRotation: true,
        deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
        tags,
      },
      parent,
    );
    const alias = new aws.kms.Alias(
      `${name}-secrets`,
      { name: `alias/${args.bucketName}`, targetKeyId: key.keyId },
      parent,
    );
    const bucket = new aws.s3.Bucket(`${name}-bucket`, { bucket: args.bucketName, tags }, parent);
    new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
      parent,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: bucket.id,
        rules: [
          {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: "aws:kms",
              kmsMasterKeyId: key.arn,
            },
            bucketKeyEnabled: true,
          },
        ],
      },
      parent,
    );
    new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      parent,
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
      parent,
    );
    new aws.s3.BucketPolicy(
      `${name}-tls-only`,
      {
        bucket: bucket.id,
        policy: bucket.arn.apply((arn) =>
          policyDocument([
            {
              Sid: "TlsOnly",
              Effect: "Deny",
              Action: ["s3:*"],
              Resource: [arn, `${arn}/*`],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ]),
        ),
      },
      parent,
    );

    this.backendUrl = pulumi.interpolate`s3://${bucket.bucket}?region=${args.region}`;
    this.secretsProvider = pulumi.interpolate`awskms://${alias.name}?region=${args.region}`;
    this.bucketArn = bucket.arn;
    this.keyArn = key.arn;
    this.registerOutputs({
      backendUrl: this.backendUrl,
      secretsProvider: this.secretsProvider,
      bucketArn: this.bucketArn,
      keyArn: this.keyArn,
    });
  }
}
