import type { RecordedResource } from "../offline/recorder";
import { TIER_TAG } from "../../bootstrap/environments";

/** How findings name a resource: its type and name. */
export function resourceLabel(resource: RecordedResource): string {
  return `${resource.type} "${resource.name}"`;
}

/** Every string in a value, however deep. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * What identifies a resource where another refers to it by value (a config string, an ARN in a
 * policy, an image in a repository): its ARN, repository URL or bucket, each unique to it. Ids
 * are left out: many are names another stack's resource has too (a zone setting's id is the
 * setting's name).
 */
export function identifiers(resource: RecordedResource): string[] {
  if (!resource.custom || resource.type.startsWith("pulumi:providers:")) return [];
  const { outputs } = resource;
  return [
    ...new Set(
      [outputs.arn, outputs.repositoryUrl, outputs.bucket].filter(
        (value): value is string => typeof value === "string" && value !== "",
      ),
    ),
  ];
}

/** Whether `from` refers to `to`: a dependency Pulumi tracks, or one of its identifiers in an input. */
export function refersTo(from: RecordedResource, to: RecordedResource): boolean {
  if (from.dependencies.includes(to.urn)) return true;
  const ids = identifiers(to);
  return ids.length > 0 && stringsIn(from.inputs).some((s) => ids.some((id) => s.includes(id)));
}

/**
 * The tier whose material `resource` is: its own {@link TIER_TAG}, else that of the resources it
 * depends on (a key's alias is the key's tier).
 */
export function tierOf(
  resource: RecordedResource,
  byUrn: ReadonlyMap<string, RecordedResource>,
  seen = new Set<string>(),
): string | undefined {
  const tags = resource.inputs.tags as Record<string, unknown> | undefined;
  const own = tags?.[TIER_TAG];
  if (typeof own === "string") return own;
  seen.add(resource.urn);
  for (const urn of resource.dependencies) {
    const dependency = byUrn.get(urn);
    if (dependency === undefined || seen.has(urn)) continue;
    const tier = tierOf(dependency, byUrn, seen);
    if (tier !== undefined) return tier;
  }
  return undefined;
}
