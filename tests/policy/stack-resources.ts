import type { RecordedResource } from "../../parity/offline/recorder";
import { resource } from "../helpers/recorded-resource";

const STACK = "urn:pulumi:prod::parity-stack::";

/** A registration as offline evaluation records it, named `name`, with `inputs` echoed as outputs. */
export function recorded(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<RecordedResource> = {},
): RecordedResource {
  return resource(type, name, inputs, {
    urn: `${STACK}${type}::${name}`,
    provider: `${STACK}pulumi:providers:aws::aws::0a1b`,
    outputs: inputs,
    ...extra,
  });
}

/** The stack's AWS provider, tagging every resource with the project and `stack`. */
export function awsProvider(stack: string, name = "aws"): RecordedResource {
  const tags = { project: "parity-stack", environment: stack, tier: "production" };
  return recorded(
    "pulumi:providers:aws",
    name,
    { region: "eu-west-1", defaultTags: JSON.stringify({ tags }) },
    { provider: undefined },
  );
}
