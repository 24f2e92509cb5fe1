/**
 * Property values as Pulumi serialises them, made safe to show: secrets masked, assets and
 * archives reduced to their hash, and values looked up by `detailedDiff` property path.
 */

import { ownValue } from "../own";
import { contentLabel, ENGINE_INPUT_KEYS, SECRET, SIG_KEY, SIG_SECRET } from "../pulumi-values";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` with every secret replaced by {@link SECRET} and assets/archives by their hash. */
export function maskValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskValue);
  if (!isRecord(value)) return value;
  if (value[SIG_KEY] === SIG_SECRET) return SECRET;
  const content = contentLabel(value);
  if (content !== undefined) return content;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskValue(item)]));
}

/**
 * The segments of a Pulumi property path: `a.b[0]["c.d"]` → `["a", "b", 0, "c.d"]`. Undefined
 * when the path is not well formed.
 */
export function parsePropertyPath(path: string): (string | number)[] | undefined {
  const segments: (string | number)[] = [];
  const token = /\.?([^.[\]"]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/y;
  let index = 0;
  while (index < path.length) {
    token.lastIndex = index;
    const match = token.exec(path);
    if (match === null || (index === 0 && path.startsWith("."))) return undefined;
    const [whole, name, position, quoted] = match;
    if (name !== undefined) segments.push(name);
    else if (position !== undefined) segments.push(Number(position));
    else if (quoted !== undefined) segments.push(quoted.replace(/\\(.)/g, "$1"));
    index += whole.length;
  }
  return segments.length === 0 ? undefined : segments;
}

/** Whether `path` exists in `root`, and its value. Secrets on the way mask the whole value. */
export function valueAt(root: unknown, path: string): { found: boolean; value: unknown } {
  const segments = parsePropertyPath(path) ?? [path];
  let current: unknown = root;
  for (const segment of segments) {
    if (isRecord(current) && current[SIG_KEY] === SIG_SECRET) return { found: true, value: SECRET };
    if (typeof segment === "number" ? !Array.isArray(current) : !isRecord(current)) {
      return { found: false, value: undefined };
    }
    const container = current as Record<string | number, unknown>;
    if (!Object.hasOwn(container, segment)) return { found: false, value: undefined };
    current = container[segment];
  }
  return { found: true, value: maskValue(current) };
}

/** Top-level property names whose values differ between two property maps. */
export function changedKeys(
  old: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
): string[] {
  const keys = new Set([...Object.keys(old), ...Object.keys(next)]);
  return [...keys]
    .filter((key) => !ENGINE_INPUT_KEYS.has(key))
    .filter((key) => JSON.stringify(ownValue(old, key)) !== JSON.stringify(ownValue(next, key)))
    .sort();
}
