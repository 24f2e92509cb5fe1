import { globPattern, regexPattern } from "../../parity/drift/pattern";
import { parsePropertyPath } from "../../parity/drift/values";
import { identityNormaliser, maskMaterial } from "../../parity/graph/identity";
import { STACK_TRACE_SIGNS } from "../../parity/verify/checks";

/**
 * Strings that made regular expressions here backtrack in quadratic (or worse) time. Each case
 * took seconds to minutes before; a generous bound keeps the test steady on a busy machine.
 */
const BOUND_MS = 500;

function elapsed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const glob = globPattern("*a*a*a*a*c");

describe("work on pathological strings stays linear", () => {
  it.each([
    [
      "masking 20,000 PEM BEGIN markers without an END",
      () => maskMaterial("-----BEGIN A-----".repeat(20_000)),
    ],
    [
      "a page of 100,000 blank lines searched for stack frames",
      () => STACK_TRACE_SIGNS.map((s) => s.pattern.test("\n".repeat(100_000))),
    ],
    ["a 5-star glob against 100,000 characters", () => glob.covers("a".repeat(100_000))],
    ["a 5-star glob against a path with 50,000 segments", () => glob.covers("a.".repeat(50_000))],
    [
      "a regex against a path with 50,000 segments",
      () => regexPattern("^tags$").covers("a.".repeat(50_000)),
    ],
    [
      "normalising 100,000 digits",
      () => identityNormaliser("staging", "parity-stack")("1".repeat(100_000)),
    ],
    [
      "parsing an unterminated quoted path segment",
      () => parsePropertyPath(`["${'a"'.repeat(50_000)}`),
    ],
  ])("%s", (_what, run) => {
    expect(elapsed(run)).toBeLessThan(BOUND_MS);
  });

  it("still masks a PEM block after a BEGIN that never ends", () => {
    expect(
      maskMaterial("-----BEGIN X-----\n-----BEGIN RSA KEY-----\nabc\n-----END RSA KEY-----!"),
    ).toBe("-----BEGIN X-----\n[pem RSA KEY]!");
  });

  it.each([
    ["*a*a*c", "xaxaxc", true],
    ["*a*a*c", "xaxc", false],
    ["a*", "a", true],
    ["*", "", true],
    ["tags", "tags.Owner", true],
    ["tag*", 'tags["x"]', true],
    ["tags.*", "tags", false],
  ])("the glob %s covering %s is %s", (pattern, path, covered) => {
    expect(globPattern(pattern).covers(path)).toBe(covered);
  });
});
