import { ownValue } from "../own";

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

function collect(a: unknown, b: unknown, path: string, out: PropertyDifference[]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      collect(a[i], b[i], join(path, i), out);
    }
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) collect(ownValue(a, key), ownValue(b, key), join(path, key), out);
    return;
  }
  out.push({ path, a, b });
}

/**
 * Every path where `a` and `b` differ: objects are compared key by key (own keys only, so one
 * named `__proto__` is compared like any other) and arrays index by index; anything else (or a
 * change of shape) is a difference at that path.
 */
export function propertyDifferences(a: unknown, b: unknown, path = ""): PropertyDifference[] {
  const out: PropertyDifference[] = [];
  collect(a, b, path, out);
  return out;
}
