import {
  pullRequestExpiry,
  pullRequestHostname,
  pullRequestHostPattern,
} from "../../stacks/pr-stack";
import { pullRequestNumber } from "../../stacks/spec";

describe("pull-request stack names", () => {
  it.each([
    ["pr-1", 1],
    ["pr-4711", 4711],
    ["pr-0", undefined],
    ["pr-01", undefined],
    ["pr-", undefined],
    ["staging", undefined],
    ["pr-12-old", undefined],
  ])("reads %s as pull request %s", (stack, number) => {
    expect(pullRequestNumber(stack)).toBe(number);
  });

  it.each([
    ["staging.example.com", 42, "pr-42-staging.example.com"],
    ["example.com", 42, "pr-42.example.com"],
    ["app.eu.example.com", 3, "pr-3-app.eu.example.com"],
  ])("names the PR hostname from %s one label below the same zone", (base, pr, expected) => {
    expect(pullRequestHostname(base, pr)).toBe(expected);
  });

  it.each([
    ["staging.example.com", "-staging.example.com"],
    ["example.com", ".example.com"],
    ["app.eu.example.com", "-app.eu.example.com"],
  ])("gives every PR hostname from %s the prefix pr- and the suffix %s", (base, suffix) => {
    const pattern = pullRequestHostPattern(base);
    expect(pattern).toEqual({ prefix: "pr-", suffix });
    for (const pr of [1, 42, 4711]) {
      const hostname = pullRequestHostname(base, pr);
      expect([hostname.startsWith(pattern.prefix), hostname.endsWith(pattern.suffix)]).toEqual([
        true,
        true,
      ]);
    }
    expect(base.endsWith(pattern.suffix)).toBe(false);
  });

  it("expires a pull-request stack 72 hours after its deploy, to the second", () => {
    expect(pullRequestExpiry(new Date("2026-11-21T10:15:30.123Z"))).toBe("2026-11-24T10:15:30Z");
  });
});
