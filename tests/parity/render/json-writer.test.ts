import { writeJson, type JsonReplacer } from "../../../parity/render/json-writer";
import { seededRandom } from "../../helpers/seeded-random";

const { below } = seededRandom(20_261_205);

const STRINGS = [
  "",
  "a",
  'quote " and \\ backslash',
  "line\nbreak\ttab",
  "\u0000\u001f\u2028",
  "é😀",
  "__proto__",
];
const SCALARS: readonly unknown[] = [
  null,
  undefined,
  true,
  false,
  0,
  -0,
  1.5e300,
  -42,
  NaN,
  Infinity,
  () => 1,
  Symbol("s"),
  new Date(0),
  new Number(3),
  new String("boxed"),
  ...STRINGS,
];

/** A random JSON-ish value: nested arrays and objects of every kind of scalar. */
function value(depth: number): unknown {
  const roll = below(depth > 4 ? 1 : 3);
  if (roll === 0) return SCALARS[below(SCALARS.length)];
  const size = below(5);
  if (roll === 1) return Array.from({ length: size }, () => value(depth + 1));
  const object: Record<string, unknown> = {};
  // Own properties, as JSON.parse makes them: "__proto__" is a key like any other.
  for (let i = 0; i < size; i++) {
    Object.defineProperty(object, STRINGS[below(STRINGS.length)] ?? "k", {
      value: value(depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

function written(input: unknown, replacer?: JsonReplacer, indent?: number): string {
  const chunks: string[] = [];
  writeJson(input, (chunk) => chunks.push(chunk), { replacer, indent });
  return chunks.join("");
}

const nullForUndefined: JsonReplacer = (_key, v) => v ?? null;
const CASES = Array.from({ length: 300 }, (_, i) => [i, value(0)] as const);

describe("the streaming JSON writer", () => {
  it.each([
    ["without indentation or replacer", undefined, undefined],
    ["indented by 2", undefined, 2],
    ["indented by 2, undefined written as null", nullForUndefined, 2],
  ])("writes what JSON.stringify writes, %s, for 300 random values", (_what, replacer, indent) => {
    for (const [, input] of CASES) {
      const expected = JSON.stringify(input, replacer, indent) as string | undefined;
      expect(written(input, replacer, indent)).toBe(expected ?? "");
    }
  });

  it("hands the text on in bounded chunks, for a value larger than a chunk", () => {
    const big = Array.from({ length: 50_000 }, (_, i) => ({ i, name: `resource-${i}` }));
    const chunks: string[] = [];
    writeJson(big, (chunk) => chunks.push(chunk), { indent: 2 });

    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(2 * 65_536);
    expect(chunks.join("")).toBe(JSON.stringify(big, null, 2));
  });

  it("refuses a cycle and a BigInt as JSON.stringify does", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = { cycle };

    expect(() => written(cycle)).toThrow(TypeError);
    expect(() => written({ n: 1n })).toThrow(TypeError);
  });

  it("writes a value shared by two members twice, which is no cycle", () => {
    const shared = { a: 1 };
    expect(written({ x: shared, y: [shared] })).toBe('{"x":{"a":1},"y":[{"a":1}]}');
  });
});
