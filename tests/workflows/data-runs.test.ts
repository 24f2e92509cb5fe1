import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { itExecutesEveryRunStep } from "./harness/coverage";
import { runStep } from "./harness/run-step";
import { runWorkflow, type WorkflowRun } from "./harness/run-workflow";
import { findStep, ROOT } from "./harness/steps";
import { emptyWorld, type World } from "./harness/world";
import { addProdDatabase, image, PROD_OUTPUTS } from "./release-fixtures";

const DATA = ".github/workflows/data.yml";
const SECRETS = {
  PULUMI_BACKEND_URL: "s3://acme-pulumi-state?region=eu-west-1",
  AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/data",
};
/** Production's KMS key, recorded in the committed stack files (README, "Running it for real"). */
const KMS = "awskms://alias/acme-state-production?region=eu-west-1";
const CLONE = "parity-stack-prod-masking-4242";
const MASKED = "parity-stack-prod-masked";

/** Production deployed, with its cluster, writer, subnet group and migration task. */
function world(): World {
  const w = emptyWorld();
  w.pulumi.stacks.prod = {
    config: {},
    outputs: { ...PROD_OUTPUTS },
    history: [],
    secretsProvider: KMS,
  };
  w.pulumi.stackFiles.prod = KMS;
  addProdDatabase(w);
  w.aws.migrationLog = [
    "masked notes.slug (hash): 203 rows, 0 unmasked",
    "masking verified: no unmasked value remains",
  ];
  return w;
}

/**
 * A checkout whose Pulumi.staging.yaml names `source` as staging's data (or nothing), with the
 * project's node_modules, for the step that reads it.
 */
function checkout(source: string | undefined): string {
  const dir = mkdtempSync(path.join(tmpdir(), "data-checkout-"));
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  const line =
    source === undefined ? "" : `  parity-stack:dbSnapshotIdentifier: ${JSON.stringify(source)}\n`;
  writeFileSync(path.join(dir, "Pulumi.staging.yaml"), `config:\n  aws:region: eu-west-1\n${line}`);
  return dir;
}

const refresh = (w: World) =>
  runWorkflow(DATA, { event: "schedule", payload: {}, world: w, secrets: SECRETS });

const awsCalls = (run: WorkflowRun) =>
  run.calls.filter((c) => c.command === "aws").map((c) => c.args.slice(0, 2).join(" "));

/** Nothing of the run is left: no clone, no writer, no security group, no task definition. */
function expectCleanedUp(run: WorkflowRun): void {
  expect(Object.keys(run.world.aws.clusters)).toEqual(["parity-stack-prod"]);
  expect(Object.keys(run.world.aws.instances)).toEqual(["parity-stack-prod-writer"]);
  expect(run.world.aws.securityGroups).toEqual({});
  expect(Object.keys(run.world.aws.taskDefinitions)).toEqual([
    PROD_OUTPUTS.migrationTaskDefinitionArn,
  ]);
}

describe("data.yml, run whole", () => {
  it("clones production where only the masking task can connect, masks, verifies, snapshots and deletes the clone", async () => {
    const run = await refresh(world());

    expect(run.job("masked-copy").result).toBe("success");
    expect(run.world.aws.clusterSnapshots[MASKED]).toMatchObject({
      DBClusterIdentifier: CLONE,
      Status: "available",
      SharedWith: [],
    });
    const restore = run.calls.find((c) => c.args[1] === "restore-db-cluster-to-point-in-time");
    const group = run.calls.find((c) => c.args[1] === "authorize-security-group-ingress");
    expect(restore?.args.slice(restore.args.indexOf("--vpc-security-group-ids"))[1]).toBe(
      "sg-012345670",
    );
    expect(group?.args).toEqual([
      "ec2",
      "authorize-security-group-ingress",
      "--group-id",
      "sg-012345670",
      "--protocol",
      "tcp",
      "--port",
      "5432",
      "--source-group",
      "sg-012345670",
    ]);
    const task = run.world.aws.tasks[0] as {
      network: { awsvpcConfiguration: { securityGroups: string[] } };
      overrides: { containerOverrides: { environment: { value: string }[] }[] };
    };
    expect(task.network.awsvpcConfiguration.securityGroups).toEqual(["sg-012345670"]);
    expect(task.overrides.containerOverrides[0]?.environment.map((e) => e.value)).toEqual([
      `${CLONE}.cluster-abc.eu-west-1.rds.amazonaws.com`,
      `${CLONE}.cluster-abc.eu-west-1.rds.amazonaws.com`,
    ]);
    const registered = run.calls.find((c) => c.args[1] === "register-task-definition");
    expect(JSON.parse(registered?.args[3] ?? "{}")).toMatchObject({
      family: "app-cluster-1a2b3c4-migrate-masking",
      containerDefinitions: [{ image: image("b"), command: ["node", "dist/mask-cli.js"] }],
    });
    expect(run.job("masked-copy").summary).toContain("masking verified: no unmasked value remains");
    expect(run.job("masked-copy").steps.at(-2)?.stdout).toBe(
      "Staging restores from production's account: nothing to share.\n",
    );
    expectCleanedUp(run);
  });

  it("snapshots only after the masking task ran, and never before the clone's writer is available", async () => {
    const run = await refresh(world());
    const calls = awsCalls(run);

    expect(calls.indexOf("ecs run-task")).toBeGreaterThan(calls.indexOf("rds wait"));
    expect(calls.indexOf("rds create-db-cluster-snapshot")).toBeGreaterThan(
      calls.indexOf("ecs describe-tasks"),
    );
    expect(run.world.aws.waits).toEqual([
      `db-instance-available ${CLONE}-writer`,
      `db-cluster-snapshot-available ${MASKED}`,
      `db-instance-deleted ${CLONE}-writer`,
      `db-cluster-deleted ${CLONE}`,
    ]);
  });

  it("replaces the previous masked snapshot under the name staging restores from", async () => {
    const w = world();
    w.aws.clusterSnapshots[MASKED] = { DBClusterSnapshotIdentifier: MASKED, SharedWith: [] };
    const run = await refresh(w);

    expect(run.job("masked-copy").result).toBe("success");
    expect(run.world.aws.clusterSnapshots[MASKED]?.DBClusterIdentifier).toBe(CLONE);
  });

  it("takes no snapshot and still deletes the clone, its group and the task when the masking fails", async () => {
    const w = world();
    w.aws.migrationExitCode = 1;
    w.aws.migrationLog = [
      "Masking refused: 1 problem with the masking rules against the database's schema; nothing was changed.",
      "  - notes.summary has no masking decision: add keep (saying why) or a strategy for it",
    ];
    const run = await refresh(w);

    expect(run.job("masked-copy").result).toBe("failure");
    expect(run.world.aws.clusterSnapshots).toEqual({});
    expect(run.job("masked-copy").summary).toContain("notes.summary has no masking decision");
    expect(
      run
        .job("masked-copy")
        .steps.map((s) => [s.name, s.outcome])
        .slice(-4),
    ).toEqual([
      ["Mask the clone and verify every rule", "failure"],
      ["Snapshot the masked clone for staging", "skipped"],
      ["Share the snapshot with staging's account", "skipped"],
      ["Delete the clone, its security group and the masking task", "success"],
    ]);
    expectCleanedUp(run);
  });

  itExecutesEveryRunStep(DATA);
});

describe("data.yml, where staging's data comes from", () => {
  const read = findStep(DATA, "target");
  /** The job's env, which every step sees. */
  const JOB_ENV = { "secrets.PULUMI_BACKEND_URL": SECRETS.PULUMI_BACKEND_URL };
  const share = findStep(DATA, "Share the snapshot with staging's account");

  it.each([
    ["a snapshot name: staging's own account", MASKED, { snapshot: MASKED, "staging-account": "" }],
    [
      "an ARN in another account",
      `arn:aws:rds:eu-west-1:210987654321:cluster-snapshot:${MASKED}`,
      { snapshot: MASKED, "staging-account": "210987654321" },
    ],
  ])("reads %s from Pulumi.staging.yaml", (_case, source, outputs) => {
    const result = runStep(read, { workspace: checkout(source), expressions: JOB_ENV });
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual(outputs);
  });

  it("fails before cloning anything when staging declares no data source", () => {
    const result = runStep(read, { workspace: checkout(undefined), expressions: JOB_ENV });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      "::error::Pulumi.staging.yaml sets no parity-stack:dbSnapshotIdentifier, so staging takes no masked copy: set it to the snapshot this workflow writes\n",
    );
  });

  it("shares the snapshot with staging's account when that is another account", () => {
    const result = runStep(share, {
      expressions: {
        ...JOB_ENV,
        "steps.target.outputs.snapshot": MASKED,
        "steps.target.outputs.staging-account": "210987654321",
        "steps.clone.outputs.prod-account": "123456789012",
      },
      stubs: { aws: "" },
    });
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([
      {
        command: "aws",
        args: [
          "rds",
          "modify-db-cluster-snapshot-attribute",
          "--db-cluster-snapshot-identifier",
          MASKED,
          "--attribute-name",
          "restore",
          "--values-to-add",
          "210987654321",
        ],
      },
    ]);
  });
});
