import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CONTAINER_IMAGE_TYPE,
  ContainerImage,
  validateContainerImageArgs,
  type ContainerImageArgs,
} from "../../../components/aws/container-image";
import { UserError } from "../../../components/errors";
import { childProblems, findResource, ofType } from "../../helpers/graph";
import { runComponent } from "../../helpers/mock-run";
import { STAGING_IMAGE } from "./container-service-fixtures";

const REPOSITORY = "aws:ecr/repository:Repository";
const DOCKER_IMAGE = "docker:index/image:Image";
const REPOSITORY_POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
const BUILD_ID = "random:index/randomId:RandomId";

describe("validateContainerImageArgs", () => {
  it.each<[string, ContainerImageArgs, string]>([
    [
      "neither a build context nor an image reference",
      { requirePinnedImage: false },
      'ContainerImage "app-image": set one of `buildContext` (a directory to build the image from) or `imageRef` (an image pinned by digest, repo@sha256:<64 hex>); neither is set.',
    ],
    [
      "both a build context and an image reference",
      { buildContext: "app", imageRef: STAGING_IMAGE, requirePinnedImage: false },
      `ContainerImage "app-image": set either \`buildContext\` or \`imageRef\`, not both (got buildContext "app" and imageRef "${STAGING_IMAGE}"). Build where the image is made (staging, pull requests); run the digest where it is promoted (production).`,
    ],
    [
      "an image reference without a digest when a pinned image is required",
      { imageRef: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1", requirePinnedImage: true },
      'ContainerImage "app-image": `imageRef` "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1" is not pinned by digest, but `requirePinnedImage` is set. Use the reference staging exported, repository@sha256:<64 hex>: a tag can point at a different image tomorrow.',
    ],
    [
      "a malformed digest when a pinned image is required",
      { imageRef: "app@sha256:1234", requirePinnedImage: true },
      'ContainerImage "app-image": `imageRef` "app@sha256:1234" is not pinned by digest, but `requirePinnedImage` is set. Use the reference staging exported, repository@sha256:<64 hex>: a tag can point at a different image tomorrow.',
    ],
    [
      "a build when a pinned image is required",
      { buildContext: "app", requirePinnedImage: true },
      'ContainerImage "app-image": `requirePinnedImage` is set, so the image must be an `imageRef` pinned by digest, not built from `buildContext` "app". Run the digest staging built and tested.',
    ],
    [
      "an image reference with spaces",
      { imageRef: "my app", requirePinnedImage: false },
      'ContainerImage "app-image": `imageRef` "my app" is not an image reference; expected repository[:tag]@sha256:<64 hex>.',
    ],
    [
      "accounts to share with when nothing is built",
      { imageRef: STAGING_IMAGE, requirePinnedImage: true, pullAccountIds: ["210987654321"] },
      'ContainerImage "app-image": `pullAccountIds` is set, but this stack builds no image and so has no repository to share. Set it in the stack that builds (staging), not where the image is promoted.',
    ],
    [
      "an account id that is not one",
      { buildContext: "app", requirePinnedImage: false, pullAccountIds: ["prod"] },
      'ContainerImage "app-image": `pullAccountIds[0]` must be a 12-digit AWS account id (got "prod").',
    ],
    [
      "a shared repository when nothing is built",
      {
        imageRef: STAGING_IMAGE,
        requirePinnedImage: true,
        sharedRepositoryUrl: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/parity-stack",
      },
      'ContainerImage "app-image": `sharedRepositoryUrl` is set, but this stack builds no image to push there. Set it in the stack that builds (staging); production runs the `imageRef` staging pushed.',
    ],
    [
      "accounts to share with when the build goes to the shared repository",
      {
        buildContext: "app",
        requirePinnedImage: false,
        pullAccountIds: ["210987654321"],
        sharedRepositoryUrl: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/parity-stack",
      },
      'ContainerImage "app-image": `pullAccountIds` is set, but the build pushes to the shared repository "123456789012.dkr.ecr.eu-west-1.amazonaws.com/parity-stack", whose policy this stack does not own. Let those accounts pull in the bootstrap (imagePullAccountIds in bootstrap/Pulumi.org.yaml).',
    ],
    [
      "a shared repository that is not an ECR repository URL",
      { buildContext: "app", requirePinnedImage: false, sharedRepositoryUrl: "ghcr.io/acme/app" },
      'ContainerImage "app-image": `sharedRepositoryUrl` must be an ECR repository URL, <account>.dkr.ecr.<region>.amazonaws.com/<name> (got "ghcr.io/acme/app").',
    ],
  ])("refuses %s", (_case, args, message) => {
    expect(() => {
      validateContainerImageArgs("app-image", args);
    }).toThrow(new UserError(message));
  });

  it.each<[string, ContainerImageArgs]>([
    [
      "a pinned reference when pinning is required",
      { imageRef: STAGING_IMAGE, requirePinnedImage: true },
    ],
    [
      "a tag reference when pinning is not required",
      { imageRef: "app:v1", requirePinnedImage: false },
    ],
    [
      "a build context when pinning is not required",
      { buildContext: "app", requirePinnedImage: false },
    ],
  ])("accepts %s", (_case, args) => {
    expect(() => {
      validateContainerImageArgs("app-image", args);
    }).not.toThrow();
  });
});

describe("ContainerImage from an image reference", () => {
  it("creates no repository and builds nothing: it pulls from the repository in the reference", async () => {
    const { resources, outputs } = await runComponent(() => {
      const image = new ContainerImage("app-image", {
        imageRef: STAGING_IMAGE,
        requirePinnedImage: true,
      });
      return {
        imageRef: image.imageRef,
        releaseId: image.releaseId,
        pull: image.pullRepositoryArn,
        repositoryUrl: image.repositoryUrl,
      };
    });

    expect(resources.filter((r) => r.custom).map((r) => r.type)).toEqual([]);
    expect(outputs).toEqual({
      imageRef: STAGING_IMAGE,
      releaseId: STAGING_IMAGE.slice(STAGING_IMAGE.indexOf("@") + 1),
      pull: "arn:aws:ecr:eu-west-1:123456789012:repository/app-image-repo-1a2b3c4",
      repositoryUrl: undefined,
    });
  });

  it("needs no ECR permission for an image outside ECR", async () => {
    const { outputs } = await runComponent(() => {
      const image = new ContainerImage("app-image", {
        imageRef: `ghcr.io/acme/app@sha256:${"0".repeat(64)}`,
        requirePinnedImage: true,
      });
      return { pull: image.pullRepositoryArn };
    });
    expect(outputs).toEqual({ pull: undefined });
  });
});

describe("ContainerImage from a build context", () => {
  let context: string;
  beforeAll(() => {
    context = mkdtempSync(path.join(tmpdir(), "app-"));
    writeFileSync(path.join(context, "Dockerfile"), "FROM scratch\n");
  });
  afterAll(() => {
    rmSync(context, { recursive: true, force: true });
  });

  it("pushes to the shared repository and creates no repository of its own", async () => {
    const shared = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/parity-stack";
    const { resources, outputs } = await runComponent(() => {
      const image = new ContainerImage("app-image", {
        buildContext: context,
        requirePinnedImage: false,
        sharedRepositoryUrl: shared,
      });
      return { pull: image.pullRepositoryArn, repositoryUrl: image.repositoryUrl };
    });

    expect(ofType(resources, REPOSITORY)).toEqual([]);
    expect(ofType(resources, "aws:ecr/lifecyclePolicy:LifecyclePolicy")).toEqual([]);
    const build = findResource(resources, DOCKER_IMAGE, "app-image-build");
    expect(String(build.inputs.imageName)).toMatch(new RegExp(`^${shared}:src-[0-9a-f]{16}-`));
    expect(build.inputs.registry).toMatchObject({ server: shared });
    expect(outputs).toEqual({
      pull: "arn:aws:ecr:eu-west-1:123456789012:repository/parity-stack",
      repositoryUrl: shared,
    });
  });

  it("builds for linux/amd64, pushes to its own repository with a content tag and runs the pushed digest", async () => {
    const { resources, outputs } = await runComponent(() => {
      const image = new ContainerImage("app-image", {
        buildContext: context,
        requirePinnedImage: false,
        forceDelete: true,
      });
      return {
        imageRef: image.imageRef,
        releaseId: image.releaseId,
        pull: image.pullRepositoryArn,
      };
    });

    const repository = findResource(resources, REPOSITORY, "app-image-repo");
    expect(repository.inputs).toMatchObject({
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      forceDelete: true,
    });
    const lifecycle = findResource(
      resources,
      "aws:ecr/lifecyclePolicy:LifecyclePolicy",
      "app-image-lifecycle",
    );
    expect(lifecycle.inputs.repository).toBe(repository.outputs.name);
    expect(JSON.parse(lifecycle.inputs.policy as string)).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: "Keep the newest 200 images",
          selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 200 },
          action: { type: "expire" },
        },
      ],
    });
    expect(ofType(resources, REPOSITORY_POLICY)).toEqual([]);
    const build = findResource(resources, DOCKER_IMAGE, "app-image-build");
    const repositoryUrl = repository.outputs.repositoryUrl as string;
    // The tag is the sources' digest and a build id that is new whenever they change.
    const buildId = findResource(resources, BUILD_ID, "app-image-build-id");
    const sources = (buildId.inputs.keepers as { sources: string }).sources;
    expect(sources).toMatch(/^[0-9a-f]{16}$/);
    expect(buildId.inputs.byteLength).toBe(4);
    expect(build.inputs.imageName).toBe(
      `${repositoryUrl}:src-${sources}-${String(buildId.outputs.hex)}`,
    );
    expect(build.inputs.build).toEqual({ context, platform: "linux/amd64" });
    expect(build.inputs.registry).toEqual({
      server: repositoryUrl,
      username: "AWS",
      password: "[secret]",
    });
    const repoDigest = build.outputs.repoDigest as string;
    expect(repoDigest).toMatch(new RegExp(`^${repositoryUrl}@sha256:[0-9a-f]{64}$`));
    expect(outputs).toEqual({
      imageRef: repoDigest,
      releaseId: repoDigest.slice(repoDigest.indexOf("@") + 1),
      pull: repository.outputs.arn,
    });
    expect(childProblems(resources, CONTAINER_IMAGE_TYPE)).toEqual([]);
  });

  it("keys the build id to the sources, so any change of them (a revert too) makes a new id and tag", async () => {
    const keepers = async () => {
      const { resources } = await runComponent(() => {
        const image = new ContainerImage("app-image", {
          buildContext: context,
          requirePinnedImage: false,
        });
        return { imageRef: image.imageRef };
      });
      return findResource(resources, BUILD_ID, "app-image-build-id").inputs.keepers;
    };
    const before = await keepers();
    writeFileSync(path.join(context, "index.html"), "<p>changed</p>\n");
    const after = await keepers();
    rmSync(path.join(context, "index.html"));
    expect(after).not.toEqual(before);
    expect(await keepers()).toEqual(before);
  });

  it("lets the listed accounts pull from its repository, for production in another account", async () => {
    const { resources } = await runComponent(() => {
      const image = new ContainerImage("app-image", {
        buildContext: context,
        requirePinnedImage: false,
        pullAccountIds: ["210987654321"],
      });
      return { imageRef: image.imageRef };
    });

    const repository = findResource(resources, REPOSITORY, "app-image-repo");
    const policy = findResource(resources, REPOSITORY_POLICY, "app-image-pull");
    expect(policy.inputs.repository).toBe(repository.outputs.name);
    expect(JSON.parse(policy.inputs.policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "PullFromPromotedAccounts",
          Effect: "Allow",
          Principal: { AWS: ["arn:aws:iam::210987654321:root"] },
          Action: [
            "ecr:BatchCheckLayerAvailability",
            "ecr:BatchGetImage",
            "ecr:GetDownloadUrlForLayer",
          ],
        },
      ],
    });
  });
});
