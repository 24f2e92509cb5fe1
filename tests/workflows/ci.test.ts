import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { itExecutesEveryRunStep } from "./harness/coverage";
import { runStep } from "./harness/run-step";
import { findStep } from "./harness/steps";

const CI = ".github/workflows/ci.yml";

describe("ci.yml", () => {
  it.each([
    ["Install locked dependencies", ["ci", "--no-audit", "--no-fund"]],
    ["Lint, format, type-check, unit tests, actionlint", ["test"]],
  ])("step %s runs npm %j", (name, args) => {
    const result = runStep(findStep(CI, name), { stubs: { npm: "exit 0" } });
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([{ command: "npm", args }]);
  });

  it("fails the job when npm test fails", () => {
    const result = runStep(findStep(CI, "Lint, format, type-check, unit tests, actionlint"), {
      stubs: { npm: "echo 'jest: 1 failed' >&2; exit 1" },
    });
    expect(result.status).toBe(1);
  });

  it("writes the real offline plan as markdown into RUNNER_TEMP", () => {
    const result = runStep(findStep(CI, "plan"), { timeoutMs: 120_000 });
    expect(result.stderr).not.toContain("parity:");
    expect(result.status).toBe(0);
    const markdown = readFileSync(path.join(result.runnerTemp, "plan.md"), "utf8");
    expect(markdown).toMatch(/^## (✅|❌) Plan (holds|broken)/m);
    expect(markdown).toContain("staging");
  });

  it("appends the plan to the job summary", () => {
    const temp = mkdtempSync(path.join(tmpdir(), "ci-plan-"));
    writeFileSync(path.join(temp, "plan.md"), "## Parity holds\n");
    const result = runStep(findStep(CI, "Plan to the job summary"), { runnerTemp: temp });
    expect(result.status).toBe(0);
    expect(result.summary).toBe("## Parity holds\n");
  });

  itExecutesEveryRunStep(CI);
});
