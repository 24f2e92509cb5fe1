/**
 * Deepest nesting of arrays and objects accepted in a JSON value read from outside. Pulumi state
 * nests a property value about five levels below the top of a document and real property values
 * (IAM policies, container definitions) a dozen more; 100 leaves room for those and keeps the
 * recursive walkers (normalising, diffing, `JSON.stringify`) far from the call-stack limit,
 * which a value nested 10,000 deep exceeds.
 */
export const MAX_JSON_DEPTH = 100;

/** Whether `value` nests arrays or objects deeper than `limit`. Iterative, so any depth is safe. */
export function nestingExceeds(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== "object" || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) {
      if (typeof child === "object" && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}
