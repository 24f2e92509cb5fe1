/**
 * The value of `record`'s own property `key`, or undefined: never one inherited from
 * `Object.prototype`, so keys from a parsed file such as `__proto__`, `constructor` or `toString`
 * read as what the file holds.
 */
export function ownValue(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}
