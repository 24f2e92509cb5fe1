import { matching } from "../field-rule";

/**
 * Rules of `ImageSource` fields: the validator checks each of these args with its rule, and
 * the config loader declares the key that feeds one, if any, with the same rule object.
 */
export const IMAGE_SOURCE_FIELDS = {
  buildContext: matching(/^\S+$/, "a directory path without spaces, relative to the project root"),
  pullAccountId: matching(/^\d{12}$/, "a 12-digit AWS account id"),
  sharedRepositoryUrl: matching(
    /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/[a-z0-9][a-z0-9._/-]*$/,
    "an ECR repository URL, <account>.dkr.ecr.<region>.amazonaws.com/<name>",
  ),
} as const;
