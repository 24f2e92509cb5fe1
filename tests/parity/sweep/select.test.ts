import { readFileSync } from "node:fs";
import path from "node:path";
import {
  parseOpenPullRequests,
  parseStackList,
  selectStacksToSweep,
} from "../../../parity/sweep/select";

/** `pulumi stack ls --json` of a project with prod, staging and five pull-request stacks. */
const STACK_LS = path.resolve(__dirname, "../../fixtures/pulumi-stack-ls.json");
const stacks = parseStackList("stacks.json", readFileSync(STACK_LS, "utf8"));
const NOW = new Date("2026-11-20T12:00:00Z");

describe("selectStacksToSweep on a recorded stack list", () => {
  const decisions = selectStacksToSweep({
    stacks,
    openPullRequests: parseOpenPullRequests(
      "prs.json",
      '[{"number":42},{"number":43},{"number":44},{"number":45}]',
    ),
    now: NOW,
  });

  it("decides every pull-request stack and never touches staging or prod", () => {
    expect(decisions.map((d) => [d.stack, d.action, d.reason])).toEqual([
      ["pr-41", "destroy", "pull request #41 is not open"],
      ["pr-42", "keep", "pull request #42 is open; expires 2026-11-22T08:30:12.000Z"],
      ["pr-43", "destroy", "last deployed 2026-11-16T10:00:00.000Z, past its 72-hour TTL"],
      ["pr-44", "skip", "an update is in progress; the next sweep looks again"],
      ["pr-45", "keep", "pull request #45 is open and the stack was never deployed"],
    ]);
  });
});

describe("selectStacksToSweep edge cases", () => {
  const stack = (name: string, lastUpdate: string) => ({
    name,
    current: false,
    lastUpdate,
    updateInProgress: false,
  });

  it.each([
    ["exactly at the TTL", "2026-11-17T12:00:00Z", "keep"],
    ["one second past the TTL", "2026-11-17T11:59:59Z", "destroy"],
  ])("keeps or destroys a stack %s", (_when, lastUpdate, action) => {
    const [decision] = selectStacksToSweep({
      stacks: [stack("pr-7", lastUpdate)],
      openPullRequests: new Set([7]),
      now: NOW,
    });
    expect(decision?.action).toBe(action);
  });

  it("reads the number of an organisation-qualified stack name and prints the name as given", () => {
    const [decision] = selectStacksToSweep({
      stacks: [stack("acme/parity-stack/pr-9", "2026-11-20T10:00:00Z")],
      openPullRequests: new Set(),
      now: NOW,
    });
    expect(decision).toEqual({
      stack: "acme/parity-stack/pr-9",
      pullRequest: 9,
      action: "destroy",
      reason: "pull request #9 is not open",
    });
  });

  it("ignores stacks that only look like pull-request stacks", () => {
    expect(
      selectStacksToSweep({
        stacks: [stack("pr-0", "2026-01-01T00:00:00Z"), stack("pr-12-old", "2026-01-01T00:00:00Z")],
        openPullRequests: new Set(),
        now: NOW,
      }),
    ).toEqual([]);
  });
});

describe("parsing the inputs", () => {
  it("accepts a plain list of open pull-request numbers", () => {
    expect(parseOpenPullRequests("prs.json", "[3, 5]")).toEqual(new Set([3, 5]));
  });

  it.each([
    [
      "a stack list that is an object",
      () => parseStackList("stacks.json", '{"name":"prod"}'),
      "stacks.json is not `pulumi stack ls --json` output (Invalid input: expected array, received object); write it with: pulumi stack ls --json > stacks.json",
    ],
    [
      "a stack without updateInProgress",
      () => parseStackList("stacks.json", '[{"name":"pr-1","current":false}]'),
      "stacks.json is not `pulumi stack ls --json` output (Invalid input: expected boolean, received undefined at [0].updateInProgress); write it with: pulumi stack ls --json > stacks.json",
    ],
    [
      "an unreadable lastUpdate",
      () =>
        parseStackList(
          "stacks.json",
          '[{"name":"pr-1","current":false,"updateInProgress":false,"lastUpdate":"yesterday"}]',
        ),
      'stacks.json: stack "pr-1" has lastUpdate "yesterday", which is not an ISO 8601 time.',
    ],
    [
      "pull requests that are not numbers",
      () => parseOpenPullRequests("prs.json", '["#12"]'),
      "prs.json is not a list of open pull requests (Invalid input at [0]); write it with: gh pr list --state open --limit 1000 --json number > prs.json",
    ],
    ["text", () => parseOpenPullRequests("prs.json", "12 13"), "prs.json is not JSON ("],
  ])("refuses %s", (_what, parse, message) => {
    expect(parse).toThrow(message);
  });
});
