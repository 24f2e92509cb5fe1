import type { RecordedResource } from "../../parity/offline/recorder";

/** A custom resource registration as the recorder keeps it, with `inputs` and any `extra` fields. */
export function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<RecordedResource> = {},
): RecordedResource {
  return {
    urn: `urn:pulumi:s::p::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: undefined,
    provider: undefined,
    dependencies: [],
    inputs,
    protect: false,
    retainOnDelete: false,
    ignoreChanges: [],
    importId: undefined,
    id: `${name}-id`,
    outputs: {},
    ...extra,
  };
}
