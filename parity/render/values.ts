/** Longest value shown in a text or markdown cell; JSON output always has the full value. */
export const MAX_VALUE_LENGTH = 80;

/** A property value as people read it: JSON, "(unset)" for a missing one, shortened. */
export function showValue(value: unknown, max = MAX_VALUE_LENGTH): string {
  const text = value === undefined ? "(unset)" : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `resource` and `.property` as one reference, e.g. `aws:ec2/vpc:Vpc::main-vpc.cidrBlock`. */
export function showLocation(resource: string, property: string): string {
  return property === "" ? resource : `${resource} ${property}`;
}

/** How many resources of each type, most common first, then by type. */
export function countByType(
  resources: readonly { readonly type: string }[],
): [type: string, count: number][] {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
}

/** `count` and `noun`, with the noun in the plural unless the count is 1. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : noun.endsWith("s") ? "es" : "s"}`;
}
