import * as aws from "./sdk";
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { RandomId } from "@pulumi/random/randomId";
import { check } from "../errors";
import { checkField } from "../field-rule";
import { buildContextDigest } from "./build-context";
import { ecrRepositoryArn, parseImageReference } from "./image-reference";
import { ECR_PULL_ACTIONS } from "./task-permissions";
import { IMAGE_SOURCE_FIELDS } from "./container-image-fields";

export const CONTAINER_IMAGE_TYPE = "parity:aws:ContainerImage";

/** The platform images are built for; task definitions run them on the same one. */
export const IMAGE_PLATFORM = "linux/amd64";

/**
 * Images a stack's own repository keeps before the lifecycle policy expires the oldest. Only
 * stacks that push to no shared repository have one (pull-request stacks), and their images are
 * never promoted; the shared registry's rules are the bootstrap's (bootstrap/image-registry.ts).
 */
export const KEEP_IMAGES = 200;

/** Random bytes in each build's tag: a new build of the same sources never reuses a tag. */
const BUILD_ID_BYTES = 4;

/** Where the image comes from: exactly one of the two. */
export interface ImageSource {
  /**
   * Docker build context (a directory holding a Dockerfile), relative to the working directory —
   * the project root under `pulumi up`. The image is built for linux/amd64 whenever the context's
   * files change and pushed to the repository, tagged `src-<digest of the files>-<build id>`: the
   * build id is new whenever the digest changes, so sources that come back (a revert) get a new
   * tag rather than reusing one that an earlier, different build holds in the immutable
   * repository (builds are not byte-for-byte reproducible). Staging and pull-request stacks build.
   */
  buildContext?: string;
  /**
   * An image that already exists, `repository@sha256:<64 hex>`: production runs the digest staging
   * built and tested, never a rebuild. Pulled from an ECR repository, the pull permission follows
   * the repository in the reference.
   */
  imageRef?: string;
  /**
   * Other AWS accounts (12-digit ids) whose roles may pull from the repository a build pushes to:
   * production's account, when it is not staging's. Only with `buildContext`; the other account's
   * execution role still needs its own pull permission, which the container service grants.
   * @default [] (no repository policy; same-account pulls need none)
   */
  pullAccountIds?: readonly string[];
  /**
   * A long-lived ECR repository a build pushes to instead of a repository of its own: the
   * bootstrap's shared registry (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`), which
   * staging pushes to and production pulls from, so no production resource depends on anything a
   * staging stack owns. Only with `buildContext`; who may pull from it is the registry's policy.
   * @default undefined (a build creates a repository of its own, deleted with the stack)
   */
  sharedRepositoryUrl?: string;
}

export interface ContainerImageArgs extends ImageSource {
  /**
   * Refuse anything but an `imageRef` pinned by digest: no build, no tag-only reference. A tag can
   * point at a different image tomorrow; a digest cannot. Pass true for the production tier.
   */
  requirePinnedImage: boolean;
  /**
   * Delete the repository with the images in it on `pulumi destroy`. Keep false where another
   * stack runs images from this repository (production runs staging's digests).
   * @default false
   */
  forceDelete?: boolean;
}

/**
 * Checks an image source: exactly one of build context and image reference, and a digest-pinned
 * reference when `requirePinnedImage` holds. `owner` prefixes the message, e.g. `ContainerService "app"`.
 */
export function validateImageSource(
  owner: string,
  source: ImageSource,
  requirePinnedImage: boolean,
): void {
  const { buildContext, imageRef } = source;
  check(
    buildContext === undefined || imageRef === undefined,
    () =>
      `${owner}: set either \`buildContext\` or \`imageRef\`, not both (got buildContext "${buildContext ?? ""}" and imageRef "${imageRef ?? ""}"). Build where the image is made (staging, pull requests); run the digest where it is promoted (production).`,
  );
  check(
    buildContext !== undefined || imageRef !== undefined,
    () =>
      `${owner}: set one of \`buildContext\` (a directory to build the image from) or \`imageRef\` (an image pinned by digest, repo@sha256:<64 hex>); neither is set.`,
  );
  if (buildContext !== undefined) {
    check(
      !requirePinnedImage,
      () =>
        `${owner}: \`requirePinnedImage\` is set, so the image must be an \`imageRef\` pinned by digest, not built from \`buildContext\` "${buildContext}". Run the digest staging built and tested.`,
    );
    checkField(owner, "buildContext", IMAGE_SOURCE_FIELDS.buildContext, buildContext);
  }
  const pullAccountIds = source.pullAccountIds ?? [];
  check(
    pullAccountIds.length === 0 || buildContext !== undefined,
    () =>
      `${owner}: \`pullAccountIds\` is set, but this stack builds no image and so has no repository to share. Set it in the stack that builds (staging), not where the image is promoted.`,
  );
  const { sharedRepositoryUrl } = source;
  if (sharedRepositoryUrl !== undefined) {
    check(
      buildContext !== undefined,
      () =>
        `${owner}: \`sharedRepositoryUrl\` is set, but this stack builds no image to push there. Set it in the stack that builds (staging); production runs the \`imageRef\` staging pushed.`,
    );
    check(
      pullAccountIds.length === 0,
      () =>
        `${owner}: \`pullAccountIds\` is set, but the build pushes to the shared repository "${sharedRepositoryUrl}", whose policy this stack does not own. Let those accounts pull in the bootstrap (imagePullAccountIds in bootstrap/Pulumi.org.yaml).`,
    );
    checkField(
      owner,
      "sharedRepositoryUrl",
      IMAGE_SOURCE_FIELDS.sharedRepositoryUrl,
      sharedRepositoryUrl,
    );
  }
  pullAccountIds.forEach((account, i) => {
    checkField(owner, `pullAccountIds[${i}]`, IMAGE_SOURCE_FIELDS.pullAccountId, account);
  });
  if (imageRef !== undefined) {
    check(
      /^[^\s@]+(@\S+)?$/.test(imageRef),
      () =>
        `${owner}: \`imageRef\` "${imageRef}" is not an image reference; expected repository[:tag]@sha256:<64 hex>.`,
    );
    check(
      !requirePinnedImage || parseImageReference(imageRef).digest !== undefined,
      () =>
        `${owner}: \`imageRef\` "${imageRef}" is not pinned by digest, but \`requirePinnedImage\` is set. Use the reference staging exported, repository@sha256:<64 hex>: a tag can point at a different image tomorrow.`,
    );
  }
}

/** Validates {@link ContainerImageArgs}; throws a UserError that says what to change. */
export function validateContainerImageArgs(name: string, args: ContainerImageArgs): void {
  validateImageSource(`ContainerImage "${name}"`, args, args.requirePinnedImage);
}

/** Repository policy letting `accountIds` pull images, and nothing else. */
export function crossAccountPullPolicy(accountIds: readonly string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "PullFromPromotedAccounts",
        Effect: "Allow",
        Principal: { AWS: accountIds.map((id) => `arn:aws:iam::${id}:root`) },
        Action: ECR_PULL_ACTIONS,
      },
    ],
  });
}

/** Where a build pushes: the repository's URL, ARN and registry, and the repository if it is ours. */
interface PushTarget {
  readonly url: pulumi.Output<string>;
  readonly arn: pulumi.Output<string | undefined>;
  readonly registryId: pulumi.Input<string>;
  readonly repository: aws.ecr.Repository | undefined;
}

/** The shared repository a build pushes to: nothing to create, its ARN follows from its URL. */
function sharedRepository(url: string): PushTarget {
  return {
    url: pulumi.output(url),
    arn: pulumi.output(ecrRepositoryArn(url)),
    registryId: url.slice(0, url.indexOf(".")),
    repository: undefined,
  };
}

/** A repository of the stack's own, with its lifecycle and optional cross-account pull policy. */
function ownRepository(
  name: string,
  pullAccountIds: readonly string[],
  forceDelete: boolean,
  parent: pulumi.CustomResourceOptions,
): PushTarget {
  const repository = new aws.ecr.Repository(
    `${name}-repo`,
    {
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfigurations: [{ encryptionType: "AES256" }],
      forceDelete,
    },
    parent,
  );
  new aws.ecr.LifecyclePolicy(
    `${name}-lifecycle`,
    {
      repository: repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
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
  if (pullAccountIds.length > 0) {
    new aws.ecr.RepositoryPolicy(
      `${name}-pull`,
      { repository: repository.name, policy: crossAccountPullPolicy(pullAccountIds) },
      parent,
    );
  }
  return {
    url: repository.repositoryUrl,
    arn: repository.arn,
    registryId: repository.registryId,
    repository,
  };
}

/**
 * The application image and where it lives. Built from a context: the image, pushed to the shared
 * repository when one is given, else to an ECR repository of its own (scan on push, immutable
 * tags, a lifecycle policy, optionally a policy letting other accounts pull). From a reference pinned by digest (production): no repository at all,
 * the image is pulled from where it was built. Either way `imageRef` is
 * `repository@sha256:…` (or the given reference) and `releaseId` is the image digest, so the same
 * image carries the same release id in every environment it is promoted to.
 */
export class ContainerImage extends pulumi.ComponentResource {
  /** The image to run: `repository@sha256:<64 hex>` for a built or pinned image. */
  readonly imageRef: pulumi.Output<string>;
  /** The image digest (`sha256:…`), or the reference itself when it has none. */
  readonly releaseId: pulumi.Output<string>;
  /**
   * URL of the repository a build pushes to (the shared one, or this stack's own),
   * `<account>.dkr.ecr.<region>.amazonaws.com/<name>`; undefined when the stack runs an existing
   * image.
   */
  readonly repositoryUrl: pulumi.Output<string | undefined>;
  /**
   * ARN of the ECR repository the image is pulled from (the one a build pushes to, the one in
   * `imageRef` otherwise), or undefined when the image is not in ECR.
   */
  readonly pullRepositoryArn: pulumi.Output<string | undefined>;
  /** Raw children, for callers that need more than the outputs above. */
  readonly resources: {
    /** Undefined unless the image is built into a repository of the stack's own. */
    readonly repository: aws.ecr.Repository | undefined;
    readonly image: docker.Image | undefined;
  };

  constructor(name: string, args: ContainerImageArgs, opts?: pulumi.ComponentResourceOptions) {
    super(CONTAINER_IMAGE_TYPE, name, {}, opts);
    validateContainerImageArgs(name, args);
    const parent = { parent: this };

    let repository: aws.ecr.Repository | undefined;
    let image: docker.Image | undefined;
    if (args.buildContext !== undefined) {
      const target =
        args.sharedRepositoryUrl === undefined
          ? ownRepository(name, args.pullAccountIds ?? [], args.forceDelete ?? false, parent)
          : sharedRepository(args.sharedRepositoryUrl);
      repository = target.repository;
      const sources = buildContextDigest(`ContainerImage "${name}"`, args.buildContext).slice(
        0,
        16,
      );
      // A new id whenever the sources change, kept while they do not: one tag per build.
      const buildId = new RandomId(
        `${name}-build-id`,
        { byteLength: BUILD_ID_BYTES, keepers: { sources } },
        parent,
      );
      const tag = pulumi.interpolate`src-${sources}-${buildId.hex}`;
      const auth = aws.ecr.getAuthorizationTokenOutput({ registryId: target.registryId }, parent);
      image = new docker.Image(
        `${name}-build`,
        {
          imageName: pulumi.interpolate`${target.url}:${tag}`,
          build: { context: args.buildContext, platform: IMAGE_PLATFORM },
          registry: {
            server: target.url,
            username: auth.userName,
            password: pulumi.secret(auth.password),
          },
        },
        parent,
      );
      this.imageRef = image.repoDigest;
      this.pullRepositoryArn = target.arn;
      this.repositoryUrl = target.url;
    } else {
      const ref = args.imageRef ?? "";
      this.imageRef = pulumi.output(ref);
      this.pullRepositoryArn = pulumi.output(ecrRepositoryArn(ref));
      this.repositoryUrl = pulumi.output(undefined);
    }

    this.releaseId = this.imageRef.apply((ref) => parseImageReference(ref).digest ?? ref);
    this.resources = { repository, image };
    this.registerOutputs({
      imageRef: this.imageRef,
      releaseId: this.releaseId,
      repositoryUrl: this.repositoryUrl,
    });
  }
}
