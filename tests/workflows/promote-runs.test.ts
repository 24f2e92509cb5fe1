import { itExecutesEveryRunStep } from "./harness/coverage";
import { runWorkflow, type WorkflowRun } from "./harness/run-workflow";
import { emptyWorld, type World } from "./harness/world";
import { gitFixture, image, PROD_OUTPUTS, type GitFixture } from "./release-fixtures";

const PROMOTE = ".github/workflows/promote.yml";
const DIY_SECRETS = {
  PULUMI_BACKEND_URL: "s3://acme-pulumi-state?region=eu-west-1",
  PULUMI_CONFIG_PASSPHRASE: "passphrase",
  CLOUDFLARE_API_TOKEN: "cf-token",
  AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/deploy",
};
const STAGING_IMAGE = image("c");

/** Nothing deployed yet: the world of the very first release. */
function firstWorld(): World {
  const w = emptyWorld();
  w.pulumi.programOutputs = {
    staging: {
      ...PROD_OUTPUTS,
      hostname: "staging.parity-stack.io",
      imageRef: STAGING_IMAGE,
      databaseClusterIdentifier: "parity-stack-staging",
    },
    prod: { ...PROD_OUTPUTS },
  };
  return w;
}

/** Production runs LIVE's release (image b) with its database and migration task. */
function releasedWorld(git: GitFixture): World {
  const w = firstWorld();
  for (const name of ["staging", "prod"]) {
    w.pulumi.stacks[name] = {
      config: {},
      outputs: { ...PROD_OUTPUTS },
      history: [],
      secretsProvider: "passphrase",
    };
  }
  w.aws.clusters["parity-stack-prod"] = {
    DBClusterIdentifier: "parity-stack-prod",
    Engine: "aurora-postgresql",
    DBSubnetGroup: "parity-stack-prod-db",
    VpcSecurityGroups: [{ VpcSecurityGroupId: "sg-0db", Status: "active" }],
    Endpoint: "parity-stack-prod.cluster-abc.eu-west-1.rds.amazonaws.com",
  };
  w.aws.instances["parity-stack-prod-writer"] = {
    DBInstanceIdentifier: "parity-stack-prod-writer",
    DBClusterIdentifier: "parity-stack-prod",
    DBInstanceClass: "db.r7g.large",
  };
  w.aws.taskDefinitions[PROD_OUTPUTS.migrationTaskDefinitionArn] = {
    family: "app-cluster-1a2b3c4-migrate",
    containerDefinitions: [
      {
        name: "migrate",
        image: image("b"),
        logConfiguration: {
          options: { "awslogs-group": "/ecs/app", "awslogs-stream-prefix": "app" },
        },
      },
    ],
  };
  git.tag("LIVE", git.commits[1], image("b"));
  git.tag("DEPLOYED-2026-11-19/100000-4000", git.commits[1], image("b"));
  return w;
}

function promote(
  git: GitFixture,
  world: World,
  release: string,
  more: { secrets?: Record<string, string>; cancelBefore?: string } = {},
): Promise<WorkflowRun> {
  return runWorkflow(PROMOTE, {
    event: "workflow_run",
    payload: {
      action: "completed",
      workflow_run: {
        conclusion: "success",
        event: "push",
        head_branch: "main",
        head_sha: release,
        head_repository: { full_name: "acme/parity-stack" },
      },
    },
    world,
    secrets: more.secrets ?? DIY_SECRETS,
    git: git.work,
    ...(more.cancelBefore === undefined ? {} : { cancelBefore: more.cancelBefore }),
  });
}

const results = (run: WorkflowRun) => Object.fromEntries(run.jobs.map((j) => [j.id, j.result]));
const pulumiCommands = (run: WorkflowRun, job: string) =>
  run
    .job(job)
    .steps.flatMap((s) => s.calls)
    .filter((c) => c.command === "pulumi")
    .map((c) => c.args.slice(0, 2).join(" "));

describe("promote.yml, run whole", () => {
  it("takes the very first release, with no stack yet, to production and tags it", async () => {
    const git = gitFixture();
    const run = await promote(git, firstWorld(), git.commits[2]);
    expect(results(run)).toEqual({
      staging: "success",
      rehearse: "success",
      production: "success",
      tag: "success",
    });
    expect(Object.keys(run.world.pulumi.stacks).sort()).toEqual(["prod", "staging"]);
    expect(run.job("rehearse").summary).toContain("The first release: production has no stack yet");
    expect(pulumiCommands(run, "rehearse")).toEqual(["stack ls"]);
    expect(run.world.pulumi.stacks.prod?.config["parity-stack:imageRef"]).toBe(STAGING_IMAGE);
    expect(git.remoteTag("LIVE")).toBe(git.commits[2]);
    // The DIY backend reports every update as version 0: the record names the update by its time.
    expect(git.git("for-each-ref", "--format=%(contents)", "refs/tags/LIVE")).toMatch(
      /\nstaging update: 2026-11-20T09:01:00\.000Z\nprod update: 2026-11-20T09:02:00\.000Z\n/,
    );
  });

  it("stops a first release on Pulumi Cloud without PULUMI_ACCESS_TOKEN, and takes it with one that npm ci never sees", async () => {
    const cloud = { ...DIY_SECRETS, PULUMI_BACKEND_URL: "https://api.pulumi.com" };
    const without = firstWorld();
    without.pulumi.backend = "cloud";
    const git = gitFixture();
    expect(results(await promote(git, without, git.commits[2], { secrets: cloud })).staging).toBe(
      "failure",
    );
    const withToken = firstWorld();
    withToken.pulumi.backend = "cloud";
    const run = await promote(git, withToken, git.commits[2], {
      secrets: { ...cloud, PULUMI_ACCESS_TOKEN: "pul-token" },
    });
    expect(results(run).tag).toBe("success");
    const installs = run.calls.filter((c) => c.command === "npm");
    expect(installs.length).toBeGreaterThan(0);
    expect(installs.flatMap((c) => c.secrets)).toEqual([]);
  });

  it("rehearses a normal release on a clone of production's data, deletes the clone and deploys staging's image", async () => {
    const git = gitFixture();
    const run = await promote(git, releasedWorld(git), git.commits[2]);
    expect(results(run)).toEqual({
      staging: "success",
      rehearse: "success",
      production: "success",
      tag: "success",
    });
    expect(run.job("rehearse").summary).toContain("Migrations of prod: exit code 0");
    expect(Object.keys(run.world.aws.clusters)).toEqual(["parity-stack-prod"]);
    expect(run.world.pulumi.stacks.prod?.outputs.imageRef).toBe(STAGING_IMAGE);
    expect(git.remoteTag("LIVE")).toBe(git.commits[2]);
  });

  it("refuses a migration in the rehearsal and never reaches production", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.aws.migrationExitCode = 1;
    const run = await promote(git, world, git.commits[2]);
    expect(results(run)).toEqual({
      staging: "success",
      rehearse: "failure",
      production: "skipped",
      tag: "skipped",
    });
    expect(Object.keys(run.world.aws.clusters)).toEqual(["parity-stack-prod"]);
    expect(git.remoteTag("LIVE")).toBe(git.commits[1]);
  });

  it("rolls production back to LIVE's image when its verification fails, and tags nothing", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.verify.failUrls = ["https://app.parity-stack.io"];
    const run = await promote(git, world, git.commits[2]);
    expect(results(run)).toMatchObject({ production: "failure", tag: "skipped" });
    expect(run.world.pulumi.stacks.prod?.outputs.imageRef).toBe(image("b"));
    expect(git.remoteTag("LIVE")).toBe(git.commits[1]);
  });

  it("rolls production back when its deploy fails after the service rolled out", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.pulumi.failUp.prod = { message: "cache purge refused (403)", afterRollout: true };
    const run = await promote(git, world, git.commits[2]);
    expect(results(run)).toMatchObject({ production: "failure", tag: "skipped" });
    expect(run.world.pulumi.stacks.prod?.outputs.imageRef).toBe(image("b"));
    expect(run.world.pulumi.stacks.prod?.deployedCommit).toBe(git.commits[1]);
  });

  it("never deploys a re-run of an older release to production", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    const run = await promote(git, world, git.commits[0]);
    expect(results(run)).toMatchObject({ production: "failure", tag: "skipped" });
    expect(pulumiCommands(run, "production")).toEqual([]);
    expect(run.world.pulumi.stacks.prod?.outputs.imageRef).toBe(image("b"));
  });

  it("deletes the clone when the rehearsal is cancelled", async () => {
    const git = gitFixture();
    const run = await promote(git, releasedWorld(git), git.commits[2], {
      cancelBefore: "Rehearse the migrations on the clone",
    });
    expect(results(run)).toMatchObject({ rehearse: "cancelled", production: "cancelled" });
    expect(Object.keys(run.world.aws.clusters)).toEqual(["parity-stack-prod"]);
    expect(Object.keys(run.world.aws.instances)).toEqual(["parity-stack-prod-writer"]);
  });
});

itExecutesEveryRunStep(PROMOTE);
