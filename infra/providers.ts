import * as aws from "../components/aws/sdk";
import * as cloudflare from "../components/cloudflare/sdk";
import * as pulumi from "@pulumi/pulumi";
import type { EnvironmentSpec } from "../stacks/spec";
import { stackTags } from "./tags";

export interface Providers {
  readonly aws: aws.Provider;
  readonly cloudflare: cloudflare.Provider;
}

/**
 * The stack's explicit providers. Default providers are disabled in Pulumi.yaml, so every
 * resource goes through these and carries the stack tags.
 */
export function createProviders(spec: EnvironmentSpec): Providers {
  const { values } = spec;
  const token = values["cloudflare:apiToken"];
  const profile = values["aws:profile"];
  const skipCredentialsValidation = values["aws:skipCredentialsValidation"];
  return {
    aws: new aws.Provider("aws", {
      region: values["aws:region"] as aws.Region,
      defaultTags: { tags: stackTags(spec) },
      ...(profile === undefined ? {} : { profile }),
      ...(skipCredentialsValidation === undefined ? {} : { skipCredentialsValidation }),
    }),
    cloudflare: new cloudflare.Provider(
      "cloudflare",
      token === undefined ? {} : { apiToken: pulumi.secret(token) },
    ),
  };
}
