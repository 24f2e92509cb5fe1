import { readFileSync } from "node:fs";
import path from "node:path";
import { planPolicies } from "../../../parity/policy/plan-policies";
import { runPlan } from "../../helpers/plan-cli";
import { PROJECT_DIR, TempProject } from "../../helpers/temp-project";

const PROGRAM = "infra/program.ts";
const ANCHOR = "  const originCertificate = new OriginCertificate(";
const AWS = 'import * as aws from "../components/aws/sdk";\n';

/** Every stack's program gets `code` before its origin certificate, with the AWS SDK in scope. */
function addToEveryStack(project: TempProject, code: string): void {
  project.edit(PROGRAM, ANCHOR, `${code}\n${ANCHOR}`);
  project.edit(PROGRAM, "import { ContainerService }", `${AWS}import { ContainerService }`);
}

/** `parity plan` in a copy of the project changed by `edit`: its exit code, output and markdown. */
function planIn(edit: (project: TempProject) => void) {
  const project = new TempProject();
  try {
    edit(project);
    const markdown = path.join(project.dir, "plan.md");
    const run = runPlan(project.dir, "--details", "--markdown", markdown);
    if (run.status !== 1) throw new Error(`plan exited ${String(run.status)}: ${run.stderr}`);
    return { ...run, markdown: readFileSync(markdown, "utf8") };
  } finally {
    project.cleanup();
  }
}

describe("policies in parity plan", () => {
  it("holds on the committed stacks, each checked with its own tier, and on the bootstrap", async () => {
    const report = await planPolicies({ projectDir: PROJECT_DIR });
    expect(report.stacks.map((s) => [s.stack, s.tier, s.violations])).toEqual([
      ["prod", "production", []],
      ["staging", "staging", []],
      ["pr-1", "preview", []],
      ["bootstrap/org", "production", []],
    ]);
    expect(report.holds).toBe(true);
  }, 60_000);

  it("exits 1 naming the stack, resource, policy and fix when every stack opens the database port to the internet, though parity holds", () => {
    const run = planIn((p) => {
      addToEveryStack(
        p,
        `  new aws.vpc.SecurityGroupIngressRule("db-open", { securityGroupId: database.securityGroupId, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" }, { provider: providers.aws });`,
      );
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^ {2}✓ Parity +staging ↔ prod the same/m);
    for (const stack of ["prod (production)", "staging (staging)", "pr-1 (preview)"]) {
      expect(run.stdout).toContain(`✗ ${stack}: `);
    }
    expect(run.stdout).toContain(
      "✗ no-database-port-from-internet [mandatory] db-open (aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule): this rule admits 0.0.0.0/0 on port 5432 (the stack's database). Fix: admit the database's clients by their security group (referencedSecurityGroupId), never by an internet address range.",
    );
    expect(run.stdout).toContain("Policies broken: 6 mandatory violations in prod, staging, pr-1.");
    expect(run.markdown).toContain("### ❌ Policies");
    for (const [stack, tier] of [
      ["prod", "production"],
      ["staging", "staging"],
      ["pr-1", "preview"],
    ]) {
      expect(run.markdown).toMatch(new RegExp(`\\| ${stack} \\| ${tier} \\| \\d+ \\| 2 \\| 0 \\|`));
    }
    expect(run.markdown).toContain(
      "| ❌ | pr-1 | db-open (aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule) | `no-database-port-from-internet` |",
    );
  }, 120_000);

  it("checks the bootstrap too: its resources without the stack tag are named", async () => {
    const project = new TempProject().edit(
      "bootstrap/program.ts",
      "environment: pulumi.getStack(),",
      "",
    );
    try {
      const report = await planPolicies({ projectDir: project.dir });
      const bootstrap = report.stacks.find((s) => s.stack === "bootstrap/org");
      expect(bootstrap?.violations.length).toBeGreaterThan(0);
      expect(new Set(bootstrap?.violations.map((v) => v.policy))).toEqual(new Set(["stack-tags"]));
      expect(report.holds).toBe(false);
    } finally {
      project.cleanup();
    }
  }, 60_000);

  it("names an untagged resource in every stack", () => {
    const run = planIn((p) => {
      addToEveryStack(
        p,
        `  const bare = new aws.Provider("bare", { region: "eu-west-1" });\n  new aws.cloudwatch.LogGroup("stray-logs", { retentionInDays: 365 }, { provider: bare });`,
      );
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      "✗ stack-tags [mandatory] stray-logs (aws:cloudwatch/logGroup:LogGroup): The resource carries no project tag and no environment tag",
    );
    expect(run.stdout).toContain("Policies broken: 3 mandatory violations in prod, staging, pr-1.");
  }, 120_000);
});
