import type { EnvironmentSpec } from "../stacks/spec";

/**
 * Tags every AWS resource of the stack carries, applied once through the AWS provider's
 * `defaultTags`: who owns it, which stack it belongs to, and for pull-request stacks which PR
 * and when the sweeper may remove it.
 */
export function stackTags(spec: EnvironmentSpec): Record<string, string> {
  const tags: Record<string, string> = {
    project: spec.project,
    environment: spec.stack,
    tier: spec.values.tier,
    "managed-by": "pulumi",
  };
  if (spec.pullRequest !== undefined) {
    tags["pr-number"] = String(spec.pullRequest.number);
    if (spec.pullRequest.expiresAt !== undefined) tags["expires-at"] = spec.pullRequest.expiresAt;
  }
  return tags;
}
