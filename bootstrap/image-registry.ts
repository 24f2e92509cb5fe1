import * as pulumi from "@pulumi/pulumi";
import * as aws from "./aws";
import { policyDocument } from "./policy-document";

export const IMAGE_REGISTRY_TYPE = "parity:bootstrap:ImageRegistry";

/**
 * Tagged images the registry keeps. Production runs digests staging pushed here, and a rollback
 * redeploys an older release's digest: this must comfortably exceed the releases between a build
 * and the rollback horizon, as an expired image cannot be pulled when a task is replaced.
 */
export const KEEP_IMAGES = 200;
/** Days an untagged image (an interrupted push's layers, a replaced manifest) is kept. */
export const UNTAGGED_DAYS = 7;

/** What pulling needs: https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html */
const PULL_ACTIONS = [
  "ecr:BatchCheckLayerAvailability",
  "ecr:BatchGetImage",
  "ecr:GetDownloadUrlForLayer",
];

export interface ImageRegistryArgs {
  /** The repository's name: the main project's. */
  readonly repositoryName: string;
  /** Other AWS accounts that may pull (production's, when it is another account). */
  readonly pullAccountIds: readonly string[];
}

/**
 * The long-lived, shared image registry: staging pushes each build here and production pulls the
 * same digest, so no production resource depends on a repository a staging stack owns. Immutable
 * tags, scan on push, a lifecycle that keeps the newest {@link KEEP_IMAGES} tagged images and
 * expires untagged ones after {@link UNTAGGED_DAYS} days; protected, never force-deleted.
 */
export class ImageRegistry extends pulumi.ComponentResource {
  readonly repositoryUrl: pulumi.Output<string>;
  readonly repositoryArn: pulumi.Output<string>;

  constructor(name: string, args: ImageRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    super(IMAGE_REGISTRY_TYPE, name, {}, opts);
    const parent = { parent: this };
    const repository = new aws.ecr.Repository(
      `${name}-repository`,
      {
        name: args.repositoryName,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "AES256" }],
        forceDelete: false,
      },
      { ...parent, protect: true },
    );
    new aws.ecr.LifecyclePolicy(
      `${name}-lifecycle`,
      {
        repository: repository.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: `Expire untagged images after ${UNTAGGED_DAYS} days`,
              selection: {
                tagStatus: "untagged",
                countType: "sinceImagePushed",
                countUnit: "days",
                countNumber: UNTAGGED_DAYS,
              },
              action: { type: "expire" },
            },
            {
              rulePriority: 2,
              description: `Keep the newest ${KEEP_IMAGES} images`,
              selection: {
                tagStatus: "any",
                countType: "imageCountMoreThan",
                countNumber: KEEP_IMAGES,
              },
              action: { type: "expire" },
            },
          ],
        }),
      },
      parent,
    );
    if (args.pullAccountIds.length > 0) {
      new aws.ecr.RepositoryPolicy(
        `${name}-pull`,
        {
          repository: repository.name,
          policy: policyDocument([
            {
              Sid: "PullFromPromotedAccounts",
              Effect: "Allow",
              Principal: { AWS: args.pullAccountIds.map((id) => `arn:aws:iam::${id}:root`) },
              Action: PULL_ACTIONS,
            },
          ]),
        },
        parent,
      );
    }
    this.repositoryUrl = repository.repositoryUrl;
    this.repositoryArn = repository.arn;
    this.registerOutputs({ repositoryUrl: this.repositoryUrl, repositoryArn: this.repositoryArn });
  }
}
