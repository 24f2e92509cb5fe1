import type { RecordedResource } from "../offline/recorder";
import { PRICED_TYPES } from "./cost";

/** A resource type the estimate neither prices nor the price table declares free. */
export interface UnpricedType {
  readonly type: string;
  /** The stacks that register it. */
  readonly stacks: readonly string[];
}

const priced: ReadonlySet<string> = new Set(Object.values(PRICED_TYPES));

/** Components and providers are the program's own bookkeeping: AWS bills neither. */
function billable(resource: RecordedResource): boolean {
  return resource.custom && !resource.type.startsWith("pulumi:providers:");
}

/**
 * Every resource type the stacks register that `stackCost` does not price and `free` (the price
 * table's) does not declare free, in order of type: each would otherwise count as $0 unseen.
 */
export function unpricedTypes(
  stacks: readonly { readonly stack: string; readonly resources: readonly RecordedResource[] }[],
  free: Readonly<Record<string, string>>,
): UnpricedType[] {
  const found = new Map<string, Set<string>>();
  for (const { stack, resources } of stacks) {
    for (const resource of resources.filter(billable)) {
      if (priced.has(resource.type) || Object.hasOwn(free, resource.type)) continue;
      found.set(resource.type, (found.get(resource.type) ?? new Set()).add(stack));
    }
  }
  return [...found.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, stacks]) => ({ type, stacks: [...stacks] }));
}
