import { renderBringUpMarkdown, showDuration } from "../../../parity/bringup/render";
import type { BringUpReport } from "../../../parity/bringup/report";
import type { StackBringUp } from "../../../parity/bringup/stack-bringup";

const STACK: StackBringUp = {
  stack: "pr-7",
  up: {
    seconds: 805,
    criticalPath: [
      { resource: "aws:rds/cluster:Cluster::main-cluster", seconds: 205 },
      { resource: "aws:rds/clusterInstance:ClusterInstance::main-writer", seconds: 600 },
    ],
  },
  down: { seconds: 60, criticalPath: [{ resource: "aws:ec2/vpc:Vpc::main-vpc", seconds: 60 }] },
  readiness: [],
  teardown: [
    {
      rule: "protected",
      effect: "blocks",
      guard: true,
      resource: "aws:rds/cluster:Cluster::main-cluster",
      why: "`pulumi destroy` refuses to delete a protected resource",
      fix: "set protect to false for this tier",
      source: "https://www.pulumi.com/docs/iac/concepts/options/protect/",
    },
  ],
  demand: "goes away",
  teardownFindings: ["pr-7 must go away in one `pulumi destroy`, but main-cluster | stops it."],
  unlistedTypes: [],
};

describe("the bring-up section of the PR comment", () => {
  it("says first how long a preview environment takes, then each stack, its findings and the verdict", () => {
    const report: BringUpReport = {
      durations: { taken: "2026-12-04", basis: "typical times", sources: {} },
      stacks: [STACK],
      holds: false,
    };
    expect(renderBringUpMarkdown(report).join("\n")).toMatchInlineSnapshot(`
"### ❌ Bring-up and teardown

**A preview environment (pr-7) takes about 13 min 25 s to come up and 1 min to go away.**

| Stack | Up | Down | Teardown | Critical path (up) |
|---|---:|---:|---|---|
| pr-7 | 13 min 25 s | 1 min | destroy stops at main-cluster (protected) | main-cluster (3 min 25 s) → main-writer (10 min) |

- ❌ pr-7 must go away in one \`pulumi destroy\`, but main-cluster \\| stops it.

> Estimated from the duration table taken 2026-12-04 (typical times)

Bring-up or teardown broken: 1 finding."
`);
  });

  it.each([
    [0, "0 s"],
    [59, "59 s"],
    [60, "1 min"],
    [1410, "23 min 30 s"],
    [3900, "1 h 5 min"],
  ])("shows %i seconds as %s", (seconds, shown) => {
    expect(showDuration(seconds)).toBe(shown);
  });
});
