import * as aws from "./sdk";
import type * as pulumi from "@pulumi/pulumi";

/**
 * Days an asset stays in the store after its release last published it: longer than the year the
 * edge and browsers may keep a page that names it (`assetCacheTtlSeconds` at most one year).
 */
export const ASSET_RETENTION_DAYS = 400;

/** A private, encrypted bucket for every release's hashed assets, expiring old ones. */
export function assetBucket(
  name: string,
  forceDestroy: boolean,
  parent: pulumi.Resource,
): aws.s3.Bucket {
  const opts = { parent };
  const bucket = new aws.s3.Bucket(`${name}-assets`, { forceDestroy }, opts);
  new aws.s3.BucketPublicAccessBlock(
    `${name}-assets`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    opts,
  );
  new aws.s3.BucketOwnershipControls(
    `${name}-assets`,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    opts,
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-assets`,
    {
      bucket: bucket.id,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    },
    opts,
  );
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-assets`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "expire-old-releases",
          status: "Enabled",
          filter: {},
          expiration: { days: ASSET_RETENTION_DAYS },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
        },
      ],
    },
    opts,
  );
  return bucket;
}
