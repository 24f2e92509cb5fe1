import { planBringUp } from "../../../parity/bringup/plan-bringup";
import { runPlan } from "../../helpers/plan-cli";
import { TempProject } from "../../helpers/temp-project";

const SERVICE = "components/aws/container-service.ts";
const MIGRATION = "pulumi-nodejs:dynamic/parity:MigrationRun::app-migration";

/** A copy of the project with one edit, brought up offline. */
async function bringUp(edit: (project: TempProject) => void) {
  const project = new TempProject();
  try {
    edit(project);
    return await planBringUp({ projectDir: project.dir });
  } finally {
    project.cleanup();
  }
}

describe("bring-up and teardown findings in a changed program", () => {
  it("names the migration run and the writer when the run no longer waits for a cluster instance", async () => {
    // The first `...bindings.readiness` (the writer) is the migration run's.
    const report = await bringUp((p) => p.edit(SERVICE, "...bindings.readiness,", ""));
    expect(report.holds).toBe(false);
    for (const stack of report.stacks) {
      expect(stack.readiness).toEqual([
        expect.objectContaining({
          rule: "migration-needs-writer",
          resource: MIGRATION,
          candidates: [
            "aws:rds/clusterInstance:ClusterInstance::main-reader-1",
            "aws:rds/clusterInstance:ClusterInstance::main-reader-2",
            "aws:rds/clusterInstance:ClusterInstance::main-writer",
          ],
        }),
      ]);
    }
  }, 60_000);

  it("catches a task that runs before its subnets' route out", async () => {
    const report = await bringUp((p) => p.edit(SERVICE, "...args.privateEgress,", ""));
    const staging = report.stacks.find((s) => s.stack === "staging");
    expect(staging?.readiness.map((f) => [f.rule, f.resource, f.needs.split(" (")[0]])).toEqual([
      ["task-needs-egress", MIGRATION, "a route out of the private subnets"],
      [
        "task-needs-egress",
        MIGRATION,
        "the private subnets' association with the route table that holds that route",
      ],
    ]);
  }, 60_000);

  it("makes a protected resource in a pull-request stack a teardown finding", async () => {
    const report = await bringUp((p) =>
      p.edit("infra/program.ts", "protect: values.protect,", "protect: true,"),
    );
    const pr = report.stacks.find((s) => s.stack === "pr-1");
    expect(pr?.teardownFindings[0]).toBe(
      "pr-1 must go away in one `pulumi destroy`, but aws:rds/cluster:Cluster::main-cluster stops it: `pulumi destroy` refuses to delete a protected resource. Fix: set protect to false for this tier (for a deployed stack, also `pulumi state unprotect <urn>`).",
    );
    expect(pr?.teardownFindings).toHaveLength(4);
    expect(report.stacks.find((s) => s.stack === "staging")?.teardownFindings).toEqual([]);
  }, 60_000);

  it("finds production that one pulumi destroy would remove", async () => {
    const report = await bringUp((p) =>
      p
        .edit("infra/program.ts", "protect: values.protect,", "protect: false,")
        .edit(
          "infra/program.ts",
          "deletionProtection: values.deletionProtection,",
          "deletionProtection: false,",
        )
        .edit("infra/program.ts", "guardData: production,", "guardData: false,"),
    );
    expect(report.stacks.find((s) => s.stack === "prod")?.teardownFindings).toEqual([
      "prod would go away in one `pulumi destroy`: nothing in it is protected (only what still holds objects could stop it, until emptied). Fix: protect its data (protect and deletion protection on the database) in this tier.",
    ]);
  }, 60_000);

  it("makes parity plan exit 1 with the finding in one line naming the resource, its need and the fix", () => {
    const project = new TempProject().edit(SERVICE, "...bindings.readiness,", "");
    try {
      const run = runPlan(project.dir);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(1);
      expect(run.stdout).toContain(
        "  ✗ Bring-up and teardown: pr-1: pulumi-nodejs:dynamic/parity:MigrationRun::app-migration runs the migration task, which connects to the database's writer while it is created, and needs an Aurora instance (the cluster's first instance becomes its writer; an Aurora cluster accepts no connections until one is available); nothing it waits for is one (aws:rds/clusterInstance:ClusterInstance or aws:rds/instance:Instance). Fix: add aws:rds/clusterInstance:ClusterInstance::main-reader-1, aws:rds/clusterInstance:ClusterInstance::main-reader-2, aws:rds/clusterInstance:ClusterInstance::main-writer to its dependsOn. (rule migration-needs-writer, https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.CreateInstance.html)\n",
      );
      expect(run.stdout).toContain("✗ Plan broken: 3 findings (Bring-up and teardown).\n");
    } finally {
      project.cleanup();
    }
  }, 120_000);
});
