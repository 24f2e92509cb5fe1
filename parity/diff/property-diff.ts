/** One leaf where two property values differ. */
export interface PropertyDifference {
  /** Dotted path; array elements by index (`ingress.0.fromPort`). */
  readonly path: string;
  readonly a: unknown;
  readonly b: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function join(path: string, segment: string | number): string {
  return path === "" ? String(segment) : `${path}.${String(segment)}`;
}

/**
 * Every path where `a` and `b` differ: objects are compared key by key and arrays index by index;
 * anything else (or a change of shape) is a difference at that path.
 */
export function propertyDifferences(a: unknown, b: unknown, path = ""): PropertyDifference[] {
  if (a === b) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: PropertyDifference[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      out.push(...propertyDifferences(a[i], b[i], join(path, i)));
    }
    return out;
  }
  if (isRecord(a) && isRecord(b)) {
    const out: PropertyDifference[] = [];
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) out.push(...propertyDifferences(a[key], b[key], join(path, key)));
    return out;
  }
  return [{ path, a, b }];
}
