import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runPlan } from "../../helpers/plan-cli";
import { TempProject } from "../../helpers/temp-project";

describe("parity plan with capacity", () => {
  const project = new TempProject();
  afterAll(() => {
    project.cleanup();
  });

  function plan(dir: string) {
    return runPlan(dir, "--details");
  }

  it("exits 1 and says what to raise when prStackLimit stacks do not fit the quotas", () => {
    writeFileSync(path.join(project.dir, "stacks", "capacity.yaml"), "prStackLimit: 5\n");
    const run = plan(project.dir);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^ {2}✓ Parity +staging ↔ prod the same/m);
    expect(run.stdout).toContain(
      "  ✗ Elastic IP addresses (eu-west-1): prod 3 + staging 3 + 5 × pr-1 3 = 21 + 1 (one replacement) = 22 of 5\n",
    );
    expect(run.stdout).toContain(
      "Capacity exceeded: Elastic IP addresses (eu-west-1) need 21 + 1 (one replacement) = 22 of 5; raise the quota (Service Quotas ec2/L-0263D0A3) and set quotas.elasticIps in stacks/capacity.yaml (the committed stacks alone need 7); VPCs (eu-west-1) need 7 + 1 (one replacement) = 8 of 5;",
    );
  }, 120_000);

  it("exits 1 when the stacks fill the Elastic IP and NAT gateway quotas, leaving no headroom", () => {
    writeFileSync(
      path.join(project.dir, "stacks", "capacity.yaml"),
      "prStackLimit: 3\nquotas:\n  elasticIps: 15\n  vpcs: 10\n  fargateVcpus: 30\n",
    );
    const run = plan(project.dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      "Capacity exceeded: Elastic IP addresses (eu-west-1) leave no headroom: the stacks take 15 of 15 and one replacement needs 1 more; raise the quota (Service Quotas ec2/L-0263D0A3) and set quotas.elasticIps in stacks/capacity.yaml, or lower prStackLimit; NAT gateways (eu-west-1, eu-west-1a) leave no headroom: the stacks take 5 of 5 and one replacement needs 1 more; raise the quota (Service Quotas vpc/L-FE5A380F) and set quotas.natGatewaysPerZone in stacks/capacity.yaml, or lower prStackLimit;",
    );
  }, 120_000);

  it("exits 1 naming a resource type the price table neither prices nor declares free", () => {
    const unpriced = new TempProject();
    try {
      writeFileSync(
        path.join(unpriced.dir, "infra", "index.ts"),
        [
          readFileSync(path.join(unpriced.dir, "infra", "index.ts"), "utf8"),
          'import { Provider } from "@pulumi/aws/provider";',
          'import { Topic } from "@pulumi/aws/sns";',
          'new Topic("alerts", {}, { provider: new Provider("alerts", { region: "eu-west-1" }) });',
        ].join("\n"),
      );
      const run = plan(unpriced.dir);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(
        'Unpriced types: aws:sns/topic:Topic (prod, staging, pr-1) has neither a price nor a "free" entry in parity/capacity/price-table.json, so the cost above leaves it out. Price each in parity/capacity/cost.ts and the table, or declare it under "free" with why it adds nothing per hour.\n',
      );
    } finally {
      unpriced.cleanup();
    }
  }, 120_000);
});
