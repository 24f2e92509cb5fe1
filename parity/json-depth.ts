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
  // Two parallel stacks rather than [value, depth] pairs: this walks every node of a large
  // document, and allocating a pair per node doubled its time.
  const pending: unknown[] = [value];
  const depths: number[] = [0];
  for (let depth = depths.pop(); depth !== undefined; depth = depths.pop()) {
    const item = pending.pop();
    if (typeof item !== "object" || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === "object" && child !== null) {
        pending.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
