import { readFileSync } from "node:fs";
import path from "node:path";
import { parseDiyLocks, parseRunningUpdates } from "../../../parity/pr-stacks/locks";
import {
  parseOpenPullRequests,
  parseStackList,
  selectStacksToSweep,
} from "../../../parity/pr-stacks/select";

const FIXTURES = path.resolve(__dirname, "../../fixtures");
const read = (file: string) => readFileSync(path.join(FIXTURES, file), "utf8");

/** `pulumi stack ls --json` of the DIY backend (no updateInProgress, no url) and of Pulumi Cloud. */
const diyStacks = parseStackList("diy.json", read("pulumi-stack-ls.diy.json"));
const cloudStacks = parseStackList("cloud.json", read("pulumi-stack-ls.cloud.json"));
const diyLocks = parseDiyLocks("locks.json", read("s3-pulumi-locks.json"), "parity-stack");
const running = parseRunningUpdates("running.json", read("pulumi-running-updates.json"));
const openPullRequests = new Set([42, 43, 44, 45, 46]);
const NOW = new Date("2026-11-20T12:00:00Z");

const rows = (decisions: ReturnType<typeof selectStacksToSweep>) =>
  decisions.map((d) => [d.stack.split("/").pop(), d.action, d.cancelStaleUpdate, d.reason]);

describe("selectStacksToSweep", () => {
  it("decides every pull-request stack of a DIY backend from its lock files", () => {
    const decisions = selectStacksToSweep({
      stacks: diyStacks,
      openPullRequests,
      locks: diyLocks,
      now: NOW,
    });
    expect(rows(decisions)).toEqual([
      ["pr-41", "destroy", false, "pull request #41 is not open"],
      ["pr-42", "keep", false, "pull request #42 is open; expires 2026-11-22T08:30:12.000Z"],
      ["pr-43", "destroy", false, "last deployed 2026-11-16T10:00:00.000Z, past its 72-hour TTL"],
      [
        "pr-44",
        "destroy",
        true,
        "held since 2026-11-20T07:55:41.000Z (lock file state/.pulumi/locks/organization/parity-stack/pr-44/7d3f0c1e-9a52-4f0b-8d6e-2b1c9e4a7f10.json), longer than any job runs (90 minutes): cancel the update, clear its pending creates, destroy",
      ],
      ["pr-45", "keep", false, "pull request #45 is open and the stack was never deployed"],
      [
        "pr-46",
        "skip",
        false,
        "an update has held it since 2026-11-20T11:40:03.000Z (lock file state/.pulumi/locks/organization/parity-stack/pr-46/0b8e5f2a-3c71-4d9e-a6f4-91d2c3b4e5f6.json); the next sweep looks again",
      ],
    ]);
    expect(decisions[0]?.stack).toBe("pr-41");
  });

  it("decides the same on Pulumi Cloud from the start of each running update", () => {
    const decisions = selectStacksToSweep({
      stacks: cloudStacks,
      openPullRequests,
      locks: running,
      now: NOW,
    });
    expect(rows(decisions).map(([stack, action, cancel]) => [stack, action, cancel])).toEqual([
      ["pr-41", "destroy", false],
      ["pr-42", "keep", false],
      ["pr-43", "destroy", false],
      ["pr-44", "destroy", true],
      ["pr-45", "keep", false],
      ["pr-46", "skip", false],
    ]);
    expect(decisions[3]?.reason).toBe(
      "held since 2026-11-20T07:55:40.000Z (its running update), longer than any job runs (90 minutes): cancel the update, clear its pending creates, destroy",
    );
  });

  it("skips a Cloud update in progress whose start it was not given", () => {
    const decisions = selectStacksToSweep({ stacks: cloudStacks, openPullRequests, now: NOW });
    expect(decisions.find((d) => d.stack.endsWith("/pr-44"))).toMatchObject({
      action: "skip",
      reason: "an update is in progress and its start is unknown; the next sweep looks again",
    });
  });

  it("never touches staging or prod", () => {
    const decisions = selectStacksToSweep({
      stacks: cloudStacks,
      openPullRequests: new Set(),
      now: NOW,
    });
    expect(decisions.map((d) => d.stack)).not.toContain("acme/parity-stack/staging");
    expect(decisions.map((d) => d.stack)).not.toContain("acme/parity-stack/prod");
  });

  it.each([
    ["exactly at the TTL", "2026-11-17T12:00:00Z", "keep"],
    ["one second past the TTL", "2026-11-17T11:59:59Z", "destroy"],
  ])("keeps or destroys a stack %s", (_when, lastUpdate, action) => {
    const [decision] = selectStacksToSweep({
      stacks: [{ name: "pr-7", current: false, lastUpdate }],
      openPullRequests: new Set([7]),
      now: NOW,
    });
    expect(decision?.action).toBe(action);
  });

  it.each([
    ["exactly the longest job ago", "2026-11-20T10:30:00Z", "skip"],
    ["one second longer ago", "2026-11-20T10:29:59Z", "destroy"],
  ])("treats a lock taken %s as live or stale", (_when, since, action) => {
    const [decision] = selectStacksToSweep({
      stacks: [{ name: "pr-7", current: false, lastUpdate: "2026-11-20T10:00:00Z" }],
      openPullRequests: new Set([7]),
      locks: new Map([["pr-7", { since: new Date(since), source: "test" }]]),
      now: NOW,
    });
    expect(decision?.action).toBe(action);
  });

  it("ignores stacks that only look like pull-request stacks", () => {
    expect(
      selectStacksToSweep({
        stacks: [
          { name: "pr-0", current: false },
          { name: "pr-12-old", current: false },
        ],
        openPullRequests: new Set(),
        now: NOW,
      }),
    ).toEqual([]);
  });
});

describe("reading locks", () => {
  it("reads the oldest lock of each stack of the project and ignores other projects", () => {
    expect([...diyLocks.keys()]).toEqual(["pr-44", "pr-46"]);
  });

  it("reads lock files of the legacy layout and of a bucket without a prefix", () => {
    const listing = JSON.stringify({
      Contents: [
        { Key: ".pulumi/locks/pr-9/b.json", LastModified: "2026-11-20T09:00:00+00:00" },
        { Key: ".pulumi/locks/pr-9/a.json", LastModified: "2026-11-20T08:00:00+00:00" },
      ],
    });
    expect(parseDiyLocks("locks.json", listing, "parity-stack").get("pr-9")).toEqual({
      since: new Date("2026-11-20T08:00:00Z"),
      source: "lock file .pulumi/locks/pr-9/a.json",
    });
  });

  it("reads an empty listing (no Contents, or no output at all) as no locks", () => {
    expect(parseDiyLocks("locks.json", '{"RequestCharged": null}', "p").size).toBe(0);
    expect(parseDiyLocks("locks.json", "", "p").size).toBe(0);
  });

  it("leaves out a stack whose newest update finished meanwhile", () => {
    const history = JSON.stringify({
      "pr-9": [
        { version: 4, kind: "update", startTime: "2026-11-20T01:00:00.000Z", result: "succeeded" },
      ],
    });
    expect(parseRunningUpdates("running.json", history).size).toBe(0);
  });
});

describe("parsing the inputs", () => {
  it("accepts the times the Pulumi and AWS CLIs print", () => {
    const stacks = parseStackList(
      "stacks.json",
      JSON.stringify([
        { name: "pr-1", current: false, lastUpdate: "2026-11-20T07:55:40.000Z" },
        { name: "pr-2", current: false, lastUpdate: "2026-11-20T07:55:41+00:00" },
      ]),
    );

    expect(stacks.map((s) => s.lastUpdate)).toEqual([
      "2026-11-20T07:55:40.000Z",
      "2026-11-20T07:55:41+00:00",
    ]);
  });

  it("keeps two stacks of one name in different projects", () => {
    const stacks = parseStackList(
      "stacks.json",
      '[{"name":"acme/web/pr-5","current":false},{"name":"acme/parity-stack/pr-5","current":false}]',
    );

    expect(stacks).toHaveLength(2);
  });

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
      "a stack without current",
      () => parseStackList("stacks.json", '[{"name":"pr-1"}]'),
      "stacks.json is not `pulumi stack ls --json` output (Invalid input: expected boolean, received undefined at [0].current); write it with: pulumi stack ls --json > stacks.json",
    ],
    [
      "an unreadable lastUpdate",
      () =>
        parseStackList("stacks.json", '[{"name":"pr-1","current":false,"lastUpdate":"yesterday"}]'),
      'stacks.json: stack "pr-1" has lastUpdate "yesterday", which is not an RFC 3339 time such as 2026-01-31T12:00:00Z. Pass the file the CLI wrote.',
    ],
    ...["1", "2026-02-30T00:00:00Z", "2026-11-20", "2026-11-20T07:55Z", "Fri Nov 20 2026"].map(
      (lastUpdate): [string, () => unknown, string] => [
        `the lastUpdate ${lastUpdate}, which Date would read`,
        () =>
          parseStackList(
            "stacks.json",
            JSON.stringify([{ name: "pr-1", current: false, lastUpdate }]),
          ),
        `stacks.json: stack "pr-1" has lastUpdate ${JSON.stringify(lastUpdate)}, which is not an RFC 3339 time such as 2026-01-31T12:00:00Z. Pass the file the CLI wrote.`,
      ],
    ),
    [
      "one stack listed under its short and its full name",
      () =>
        parseStackList(
          "stacks.json",
          '[{"name":"pr-5","current":false},{"name":"prod","current":false},{"name":"acme/parity-stack/pr-5","current":false}]',
        ),
      'stacks.json: [0] "pr-5" and [2] "acme/parity-stack/pr-5" are one stack, which `pulumi stack ls --json` lists once. Pass the output of one run: pulumi stack ls --json > stacks.json',
    ],
    [
      "a lock listing without keys",
      () => parseDiyLocks("locks.json", '{"Contents":[{"Size":3}]}', "p"),
      "locks.json is not an S3 listing of the backend's lock files (Invalid input: expected string, received undefined at .Contents[0].Key); write it with: aws s3api list-objects-v2 --bucket <bucket> --prefix <path>.pulumi/locks/ --output json > locks.json",
    ],
    [
      "a running update with an unreadable start",
      () =>
        parseRunningUpdates(
          "running.json",
          '{"pr-1":[{"startTime":"soon","result":"in-progress"}]}',
        ),
      'running.json: stack "pr-1" has an update started at "soon", which is not an RFC 3339 time such as 2026-01-31T12:00:00Z. Pass the file the CLI wrote.',
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
