import { schedule } from "../../../parity/bringup/schedule";

describe("schedule", () => {
  it("starts each step when everything it waits for has ended, and follows the longest chain", () => {
    const run = schedule([
      { urn: "vpc", after: [], seconds: 15 },
      { urn: "subnet", after: ["vpc"], seconds: 10 },
      { urn: "nat", after: ["subnet"], seconds: 120 },
      { urn: "cluster", after: ["subnet"], seconds: 180 },
      { urn: "writer", after: ["cluster"], seconds: 600 },
      { urn: "component", after: [], seconds: 0 },
      { urn: "migration", after: ["writer", "nat", "component"], seconds: 150 },
    ]);
    // vpc 0–15, subnet 15–25, cluster 25–205, writer 205–805, migration 805–955.
    expect(run.totalSeconds).toBe(955);
    expect(run.finish.get("nat")).toBe(145);
    expect(run.criticalPath).toEqual(["vpc", "subnet", "cluster", "writer", "migration"]);
  });

  it("leaves steps that take no time out of the critical path", () => {
    const run = schedule([
      { urn: "root", after: [], seconds: 0 },
      { urn: "a", after: ["root"], seconds: 5 },
      { urn: "component", after: ["a"], seconds: 0 },
    ]);
    expect(run.totalSeconds).toBe(5);
    expect(run.criticalPath).toEqual(["a"]);
  });

  it("refuses a wait on a step it was not given and a cycle, which the engine cannot run", () => {
    expect(() => schedule([{ urn: "a", after: ["ghost"], seconds: 1 }])).toThrow(
      "schedule: a step waits for ghost, which is no step",
    );
    expect(() =>
      schedule([
        { urn: "a", after: ["b"], seconds: 1 },
        { urn: "b", after: ["a"], seconds: 1 },
      ]),
    ).toThrow("schedule: a waits for itself through a cycle");
  });
});
