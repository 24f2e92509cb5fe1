import { providerUrn } from "../graph/urn";
import type { RecordedResource } from "../offline/recorder";

/**
 * What the engine makes a resource wait for before its step: the resources it depends on
 * (`dependsOn` and the resources its inputs come from; the SDK expands a component into its
 * children), its parent (a child is registered only once its parent's URN is known) and its
 * provider. Sorted and without repeats.
 */
export function waitsFor(resource: RecordedResource): string[] {
  const after = new Set(resource.dependencies);
  if (resource.parent !== undefined) after.add(resource.parent);
  if (resource.provider !== undefined) after.add(providerUrn(resource.provider));
  after.delete(resource.urn);
  return [...after].sort();
}

/** Everything a stack's resources wait for, by URN. */
export function orderOf(resources: readonly RecordedResource[]): Map<string, readonly string[]> {
  return new Map(resources.map((resource) => [resource.urn, waitsFor(resource)]));
}

/**
 * Every resource that ends before `urn` starts: what it waits for, what those wait for, and so on.
 * URNs nothing was recorded for end the walk.
 */
export function before(order: ReadonlyMap<string, readonly string[]>, urn: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...(order.get(urn) ?? [])];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(order.get(next) ?? []));
  }
  return seen;
}
