import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_DIR, TempProject } from "../../helpers/temp-project";

const BIN = path.join(PROJECT_DIR, "parity/cli/bin.js");

describe("parity plan with capacity", () => {
  const project = new TempProject();
  afterAll(() => {
    project.cleanup();
  });

  it("exits 1 and says what to raise when prStackLimit stacks do not fit the quotas", () => {
    writeFileSync(path.join(project.dir, "stacks", "capacity.yaml"), "prStackLimit: 5\n");
    const run = spawnSync(process.execPath, [BIN, "plan"], {
      cwd: project.dir,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("Parity holds.");
    expect(run.stdout).toContain(
      "  ✗ Elastic IP addresses (eu-west-1): prod 3 + staging 3 + 5 × pr-1 3 = 21 of 5\n",
    );
    expect(run.stdout).toContain(
      "Capacity exceeded: Elastic IP addresses (eu-west-1) need 21 of 5; raise the quota (Service Quotas ec2/L-0263D0A3) and set quotas.elasticIps in stacks/capacity.yaml, or lower prStackLimit; VPCs (eu-west-1) need 7 of 5;",
    );
  }, 120_000);
});
