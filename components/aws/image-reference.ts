/** A container image reference split into its parts: `repository[:tag][@digest]`. */
export interface ImageReference {
  /** Registry host and path, e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com/app`. */
  readonly repository: string;
  readonly tag: string | undefined;
  /** `sha256:<64 hex>` when the reference is pinned by digest. */
  readonly digest: string | undefined;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const ECR_REPOSITORY =
  /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([a-z0-9][a-z0-9._/-]*)$/;

/**
 * Splits an image reference. A `:` after the last `/` starts the tag (one before it belongs to a
 * registry port); `@` starts the digest, which must be `sha256:` and 64 lower-case hex digits to
 * count as one.
 */
export function parseImageReference(ref: string): ImageReference {
  const at = ref.indexOf("@");
  const name = at === -1 ? ref : ref.slice(0, at);
  const pinned = at === -1 ? undefined : ref.slice(at + 1);
  const colon = name.lastIndexOf(":");
  const hasTag = colon > name.lastIndexOf("/");
  return {
    repository: hasTag ? name.slice(0, colon) : name,
    tag: hasTag ? name.slice(colon + 1) : undefined,
    digest: pinned !== undefined && DIGEST.test(pinned) ? pinned : undefined,
  };
}

/**
 * The ARN of the ECR repository an image reference points into, or undefined for an image from
 * any other registry (no ECR permission is needed to pull it). Production runs images from
 * staging's repository, so pull rights follow the image, not the stack's own repository.
 */
export function ecrRepositoryArn(ref: string): string | undefined {
  const match = ECR_REPOSITORY.exec(parseImageReference(ref).repository);
  if (match === null) return undefined;
  const [, account, region, china, repository] = match;
  const partition = china === undefined ? "aws" : "aws-cn";
  return `arn:${partition}:ecr:${region ?? ""}:${account ?? ""}:repository/${repository ?? ""}`;
}
