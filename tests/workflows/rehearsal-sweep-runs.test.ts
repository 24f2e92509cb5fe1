import { itExecutesEveryRunStep } from "./harness/coverage";
import { runWorkflow, type WorkflowRun } from "./harness/run-workflow";
import { emptyWorld, type World } from "./harness/world";
import { addProdDatabase } from "./release-fixtures";

const SWEEP = ".github/workflows/rehearsal-sweep.yml";
const SECRETS = { AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/rehearsal" };
const LEAKED = "parity-stack-prod-rehearsal-4000";
const RUNNING = "parity-stack-prod-rehearsal-4242";

/** A time `hours` ago, as the rehearsal writes its parity:created-at tag. */
function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * 3_600_000).toISOString().replace(/\.\d+Z$/, "Z");
}

function tags(run: string, created: string | undefined): { Key: string; Value: string }[] {
  return [
    { Key: "project", Value: "parity-stack" },
    { Key: "stack", Value: "prod" },
    { Key: "parity:run-id", Value: run },
    { Key: "parity:purpose", Value: "rehearsal-clone" },
    ...(created === undefined ? [] : [{ Key: "parity:created-at", Value: created }]),
  ];
}

/** A rehearsal's clone as AWS describes it: its cluster, its writer and its security group. */
function addClone(w: World, id: string, run: string, created: string, group: string): void {
  w.aws.clusters[id] = {
    DBClusterIdentifier: id,
    Engine: "aurora-postgresql",
    Status: "available",
    Port: 5432,
    Endpoint: `${id}.cluster-abc.eu-west-1.rds.amazonaws.com`,
    VpcSecurityGroups: [{ VpcSecurityGroupId: group, Status: "active" }],
    TagList: tags(run, created),
  };
  w.aws.instances[`${id}-writer`] = {
    DBInstanceIdentifier: `${id}-writer`,
    DBClusterIdentifier: id,
    DBInstanceStatus: "available",
    TagList: tags(run, created),
  };
  addGroup(w, group, run, created);
}

function addGroup(w: World, group: string, run: string, created: string | undefined): void {
  w.aws.securityGroups[group] = {
    GroupId: group,
    GroupName: `rehearsal-${run}`,
    VpcId: "vpc-0prod",
    IpPermissions: [],
    Tags: tags(run, created),
  };
}

/**
 * Production's own database; a clone a rehearsal leaked 8 hours ago; the clone of a rehearsal
 * running now; and the security group of a clone whose cluster is gone.
 */
function world(): World {
  const w = emptyWorld();
  addProdDatabase(w);
  addClone(w, LEAKED, "4000", hoursAgo(8), "sg-0leaked");
  addClone(w, RUNNING, "4242", hoursAgo(1), "sg-0running");
  addGroup(w, "sg-0orphan", "3900", hoursAgo(30));
  return w;
}

function sweep(w: World): Promise<WorkflowRun> {
  return runWorkflow(SWEEP, { event: "schedule", payload: {}, world: w, secrets: SECRETS });
}

const awsOps = (run: WorkflowRun) =>
  run.calls
    .filter((c) => c.command === "aws")
    .map((c) => `${c.args[0] ?? ""} ${c.args[1] ?? ""} ${c.args[3] ?? ""}`.trim());
const errors = (run: WorkflowRun) =>
  run
    .job("sweep")
    .steps.flatMap((s) => s.stdout.split("\n"))
    .filter((line) => line.startsWith("::error::"));

describe("rehearsal-sweep.yml, run whole", () => {
  it("deletes a leaked clone, its writer and its security group, and the group of a clone already gone, never a running rehearsal's", async () => {
    const run = await sweep(world());
    expect(run.job("sweep").result).toBe("success");
    expect(Object.keys(run.world.aws.clusters).sort()).toEqual(["parity-stack-prod", RUNNING]);
    expect(Object.keys(run.world.aws.instances).sort()).toEqual([
      `${RUNNING}-writer`,
      "parity-stack-prod-writer",
    ]);
    expect(Object.keys(run.world.aws.securityGroups)).toEqual(["sg-0running"]);
    // The writer and the cluster without waiting between them; the groups once the cluster is gone.
    expect(awsOps(run).filter((op) => /delete|wait/.test(op))).toEqual([
      `rds delete-db-instance ${LEAKED}-writer`,
      `rds delete-db-cluster ${LEAKED}`,
      "rds wait --db-cluster-identifier",
      "ec2 delete-security-group sg-0leaked",
      "ec2 delete-security-group sg-0orphan",
    ]);
    expect(run.world.aws.waits).toEqual([`db-cluster-deleted ${LEAKED}`]);
    expect(run.job("sweep").summary).toContain(`- deleting the clone ${LEAKED}`);
    expect(run.job("sweep").summary).toContain("- deleted the security group sg-0orphan");
  });

  it("fails naming each leaked clone and group it cannot delete, and still deletes the rest", async () => {
    const w = world();
    w.aws.clusters[LEAKED] = { ...w.aws.clusters[LEAKED], DeletionProtection: true };
    const run = await sweep(w);
    expect(run.job("sweep").result).toBe("failure");
    expect(errors(run)).toEqual([
      expect.stringMatching(
        new RegExp(`^::error::The leaked clone ${LEAKED} \\(created .+\\) could not be deleted$`),
      ),
      expect.stringMatching(
        /^::error::The leaked clone's security group sg-0leaked \(created .+\) could not be deleted$/,
      ),
    ]);
    expect(Object.keys(run.world.aws.clusters).sort()).toEqual([
      "parity-stack-prod",
      LEAKED,
      RUNNING,
    ]);
    expect(Object.keys(run.world.aws.securityGroups).sort()).toEqual(["sg-0leaked", "sg-0running"]);
  });

  it("fails on a group tagged as a clone's whose age it cannot tell, and leaves it", async () => {
    const w = world();
    addGroup(w, "sg-0undated", "3800", undefined);
    const run = await sweep(w);
    expect(run.job("sweep").result).toBe("failure");
    expect(errors(run)).toEqual([
      "::error::The security group sg-0undated is tagged parity:purpose=rehearsal-clone without parity:created-at: its age is unknown, delete it by hand once no rehearsal runs",
    ]);
    expect(Object.keys(run.world.aws.securityGroups).sort()).toEqual([
      "sg-0running",
      "sg-0undated",
    ]);
  });

  it("runs with the production-rehearsal role in a group of its own", async () => {
    const run = await sweep(emptyWorld());
    expect(run.jobs.map((job) => [job.id, job.result, job.environment])).toEqual([
      ["sweep", "success", "production-rehearsal"],
    ]);
    expect(run.job("sweep").concurrency?.group).toBe("rehearsal-sweep");
    expect(run.job("sweep").summary).toContain("Nothing left behind that could not be deleted.");
  });

  itExecutesEveryRunStep(SWEEP);
});
