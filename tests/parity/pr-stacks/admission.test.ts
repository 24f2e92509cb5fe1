import { admitPullRequestStack, renderWaitingComment } from "../../../parity/pr-stacks/admission";

const stacks = [
  { name: "staging", current: true, lastUpdate: "2026-11-20T09:00:00.000Z" },
  { name: "pr-1", current: false },
  { name: "acme/parity-stack/pr-2", current: false, lastUpdate: "2026-11-20T10:00:00.000Z" },
];

describe("admitPullRequestStack", () => {
  it.each([
    ["an existing stack over the limit", "pr-2", 1, true],
    ["a new stack below the limit", "pr-3", 3, true],
    ["a new stack at the limit", "pr-3", 2, false],
    ["any new stack with a limit of 0", "pr-3", 0, false],
  ])("decides %s", (_what, stack, limit, admitted) => {
    expect(admitPullRequestStack({ stacks, stack, limit }).admitted).toBe(admitted);
  });

  it("counts only pull-request stacks and finds the first to expire", () => {
    expect(admitPullRequestStack({ stacks, stack: "pr-3", limit: 2 })).toEqual({
      stack: "pr-3",
      admitted: false,
      others: ["pr-1", "pr-2"],
      limit: 2,
      firstExpiry: new Date("2026-11-23T10:00:00.000Z"),
    });
  });

  it("says no time when none of the others was ever deployed", () => {
    const admission = admitPullRequestStack({
      stacks: stacks.slice(0, 2),
      stack: "pr-3",
      limit: 1,
    });
    expect(renderWaitingComment(admission, "stacks/capacity.yaml")).toContain(
      "when the sweeper removes it 72 hours after its last deploy. Push a commit",
    );
  });
});
