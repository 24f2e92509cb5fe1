import { types } from "node:util";

/** How much text the writer gathers before it hands a chunk on. */
const CHUNK_CHARS = 1 << 16;

/** What {@link writeJson} calls with each piece of the text, in order. */
export type JsonSink = (chunk: string) => void;

/** `JSON.stringify`'s replacer: called with each key and value, its result is written instead. */
export type JsonReplacer = (key: string, value: unknown) => unknown;

type Out = (text: string) => void;

/** Whether `value` is written as nothing (left out of an object, `null` in an array). */
function isAbsent(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/** The text of a value that is not an object or array; undefined for those. */
function scalar(value: unknown): string | undefined {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      throw new TypeError("Do not know how to serialize a BigInt");
    default:
      return undefined;
  }
}

/**
 * Writes `value` as `JSON.stringify(value, replacer, indent)` would, to `sink`, in chunks of
 * about 64 KiB, never holding the whole text: a report too large for one JavaScript string (about
 * 512 MiB) is written all the same. `toJSON`, the replacer, boxed primitives, omitted members,
 * non-finite numbers and the indentation behave as in `JSON.stringify`; a cycle or a BigInt
 * throws the same TypeError. A value written as nothing writes nothing.
 */
export function writeJson(
  value: unknown,
  sink: JsonSink,
  options: { readonly replacer?: JsonReplacer; readonly indent?: number } = {},
): void {
  const replacer = options.replacer;
  const step = " ".repeat(Math.min(10, Math.max(0, options.indent ?? 0)));
  const open = new Set<object>();
  let buffer = "";
  const out: Out = (text) => {
    buffer += text;
    if (buffer.length >= CHUNK_CHARS) {
      sink(buffer);
      buffer = "";
    }
  };

  /** The value `JSON.stringify` writes for `key` of `holder`. */
  function prepared(holder: object, key: string, raw: unknown): unknown {
    let value = raw;
    if ((typeof value === "object" && value !== null) || typeof value === "bigint") {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") value = (toJSON as (k: string) => unknown).call(value, key);
    }
    if (replacer !== undefined) value = replacer.call(holder, key, value);
    // Boxed primitives are told by their internal slot, as JSON.stringify does, not by prototype.
    if (types.isNumberObject(value)) return Number(value);
    if (types.isStringObject(value)) return String(value);
    if (types.isBooleanObject(value)) return value.valueOf();
    return value;
  }

  function write(value: unknown, indent: string): void {
    const text = scalar(value);
    if (text !== undefined) {
      out(text);
      return;
    }
    const object = value as object;
    if (open.has(object)) throw new TypeError("Converting circular structure to JSON");
    open.add(object);
    const inner = indent + step;
    const [separator, before, after] =
      step === "" ? [",", "", ""] : [`,\n${inner}`, `\n${inner}`, `\n${indent}`];
    if (Array.isArray(object)) {
      if (object.length === 0) out("[]");
      else {
        out(`[${before}`);
        for (let i = 0; i < object.length; i++) {
          if (i > 0) out(separator);
          const item = prepared(object, String(i), object[i] as unknown);
          if (isAbsent(item)) out("null");
          else write(item, inner);
        }
        out(`${after}]`);
      }
    } else {
      let first = true;
      for (const key of Object.keys(object)) {
        const member = prepared(object, key, (object as Record<string, unknown>)[key]);
        if (isAbsent(member)) continue;
        out(first ? `{${before}` : separator);
        first = false;
        out(`${JSON.stringify(key)}:${step === "" ? "" : " "}`);
        write(member, inner);
      }
      out(first ? "{}" : `${after}}`);
    }
    open.delete(object);
  }

  const root = prepared({ "": value }, "", value);
  if (!isAbsent(root)) write(root, "");
  if (buffer !== "") sink(buffer);
}
