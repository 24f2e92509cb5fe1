import { drivesCover, knobsThatDiffer } from "../../../parity/diff/knobs";
import type { Drives } from "../../../stacks/key-types";
import type { StackValues } from "../../../stacks/keys";

const SERVICE = "aws:ecs/service:Service";

describe("what a declared knob drives", () => {
  it.each<[Drives, NonNullable<Drives["on"]>, string, string, boolean]>([
    [{ type: SERVICE, path: "desiredCount" }, "input", SERVICE, "desiredCount", true],
    [{ type: SERVICE, path: "desiredCount" }, "input", SERVICE, "desiredCountMax", false],
    [
      { type: SERVICE, path: "desiredCount" },
      "input",
      "aws:ecs/cluster:Cluster",
      "desiredCount",
      false,
    ],
    [{ type: SERVICE, path: "scaling.min" }, "input", SERVICE, "scaling", true],
    [{ type: SERVICE, path: "scaling" }, "input", SERVICE, "scaling.min", true],
    [{ type: SERVICE, path: "rules.*.ttl" }, "input", SERVICE, "rules.3.ttl", true],
    [{ type: "*", path: "protect", on: "option" }, "option", SERVICE, "protect", true],
    [{ type: "*", path: "protect", on: "option" }, "input", SERVICE, "protect", false],
    [{ type: SERVICE, path: "", on: "presence" }, "presence", SERVICE, "", true],
  ])("%j on %s covers %s %s: %s", (drives, on, type, path, covered) => {
    expect(drivesCover(drives, on, type, path)).toBe(covered);
  });

  it("knows no differing knob when either stack's values are unknown", () => {
    expect(knobsThatDiffer(undefined, {} as StackValues)).toEqual([]);
  });
});
