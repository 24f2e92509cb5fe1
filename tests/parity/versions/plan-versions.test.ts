import { runPlan } from "../../helpers/plan-cli";
import { TempProject } from "../../helpers/temp-project";

describe("parity plan and pinned versions", () => {
  it("exits 1 naming the key and Pulumi.yaml when dbEngineVersion can no longer be created", () => {
    const project = new TempProject().edit("Pulumi.yaml", 'default: "16.11"', 'default: "16.9"');
    try {
      const run = runPlan(project.dir, "--details");
      expect(run.stderr).toBe("");
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(
        "  ✗ Pulumi.yaml:24: parity-stack:dbEngineVersion is Aurora PostgreSQL 16.9, whose support ended on 2026-09-30:",
      );
      expect(run.stdout).toContain(
        "Pinned versions broken: 1 past their support or not in the calendar.\n",
      );
      expect(run.stdout).toMatch(/^ {2}✓ Parity +staging ↔ prod the same/m);
    } finally {
      project.cleanup();
    }
  }, 120_000);
});
