import { itExecutesEveryRunStep } from "./harness/coverage";
import { runWorkflow, type WorkflowRun } from "./harness/run-workflow";
import { emptyWorld, type World } from "./harness/world";
import {
  addProdDatabase,
  gitFixture,
  image,
  PROD_OUTPUTS,
  PROD_PASSWORD,
  type GitFixture,
} from "./release-fixtures";
import { useLiveSchemas } from "./schema-fixtures";

const PROMOTE = ".github/workflows/promote.yml";
const DIY_SECRETS = {
  PULUMI_BACKEND_URL: "s3://acme-pulumi-state?region=eu-west-1",
  CLOUDFLARE_API_TOKEN: "cf-token",
  AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/deploy",
};
/** The production tier's KMS key (the bootstrap's PULUMI_SECRETS_PROVIDER of staging and production). */
const KMS = "awskms://alias/acme-state-production?region=eu-west-1";
const VARS = { PULUMI_SECRETS_PROVIDER: KMS };
const STAGING_IMAGE = image("c");
/** The page LIVE's release serves, with its hashed script. */
const LIVE_PAGE = `<!doctype html><script type="module" src="/assets/app.${"b".repeat(12)}.js"></script>\n`;

const schemas = useLiveSchemas();

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
      secretsProvider: KMS,
    };
    // The administrator created the stack with the KMS key and committed its stack file (README).
    w.pulumi.stackFiles[name] = KMS;
  }
  addProdDatabase(w);
  // Production's schema snapshot task prints the history's schema (the task's log is the
  // migration task's); the docker stub's scratch PostgreSQL is the test server.
  w.aws.migrationLog = [...schemas.clean, ...w.aws.migrationLog];
  Object.assign(w, { docker: schemas.docker() });
  // Production's service runs LIVE's image; both stacks serve LIVE's page.
  const serviceTask =
    "arn:aws:ecs:eu-west-1:123456789012:task-definition/app-cluster-1a2b3c4-app:12";
  w.aws.services[PROD_OUTPUTS.serviceName] = {
    serviceName: PROD_OUTPUTS.serviceName,
    taskDefinition: serviceTask,
  };
  w.aws.taskDefinitions[serviceTask] = {
    family: "app-cluster-1a2b3c4-app",
    containerDefinitions: [
      {
        name: "app",
        image: image("b"),
        essential: true,
        environment: [
          { name: "PORT", value: "8080" },
          {
            name: "DB_WRITER_HOST",
            value: "parity-stack-prod.cluster-abc.eu-west-1.rds.amazonaws.com",
          },
          {
            name: "DB_READER_HOST",
            value: "parity-stack-prod.cluster-ro-abc.eu-west-1.rds.amazonaws.com",
          },
        ],
        logConfiguration: {
          options: { "awslogs-group": "/ecs/app", "awslogs-stream-prefix": "app" },
        },
      },
    ],
  };
  for (const host of ["https://app.parity-stack.io", "https://staging.parity-stack.io"])
    w.pages[host] = LIVE_PAGE;
  git.tag("LIVE", git.commits[1], image("b"));
  git.tag("DEPLOYED-2026-11-19/100000-4000", git.commits[1], image("b"));
  return w;
}

async function promote(
  git: GitFixture,
  world: World,
  release: string,
  more: { secrets?: Record<string, string>; cancelBefore?: string; rejected?: string[] } = {},
): Promise<WorkflowRun> {
  // The schema comparison's scratch database starts empty, as a new container does.
  await schemas.resetScratch();
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
    vars: VARS,
    git: git.work,
    ...(more.cancelBefore === undefined ? {} : { cancelBefore: more.cancelBefore }),
    ...(more.rejected === undefined ? {} : { rejected: more.rejected }),
  });
}

const results = (run: WorkflowRun) => Object.fromEntries(run.jobs.map((j) => [j.id, j.result]));
const callsOf = (run: WorkflowRun, job: string, command: string) =>
  run
    .job(job)
    .steps.flatMap((s) => s.calls)
    .filter((c) => c.command === command)
    .map((c) => c.args);
const pulumiCommands = (run: WorkflowRun, job: string) =>
  run
    .job(job)
    .steps.flatMap((s) => s.calls)
    .filter((c) => c.command === "pulumi")
    .map((c) => c.args.slice(0, 2).join(" "));

/** The `aws` operations (service and command) of one step of a job, in order. */
const awsOps = (run: WorkflowRun, job: string, step: string) =>
  run
    .job(job)
    .steps.filter((s) => s.name === step)
    .flatMap((s) => s.calls)
    .filter((c) => c.command === "aws")
    .map((c) => `${c.args[0] ?? ""} ${c.args[1] ?? ""}`);
/** The words after `flag` up to the next flag (a multi-value AWS CLI option). */
const values = (args: readonly string[] | undefined, flag: string) => {
  const from = (args ?? []).indexOf(flag);
  if (from < 0) return [];
  const rest = (args ?? []).slice(from + 1);
  const end = rest.findIndex((a) => a.startsWith("--"));
  return end < 0 ? rest : rest.slice(0, end);
};
const CLONE = "parity-stack-prod-rehearsal-4242";
/** The security group the stub gives the first group created. */
const CLONE_GROUP = "sg-012345670";

describe("promote.yml, run whole", () => {
  it("takes the very first release, with no stack yet, to production and tags it", async () => {
    const git = gitFixture();
    const run = await promote(git, firstWorld(), git.commits[2]);
    expect(results(run)).toEqual({
      staging: "success",
      rehearse: "success",
      "approve-destructive": "skipped",
      production: "success",
      tag: "success",
    });
    expect(Object.keys(run.world.pulumi.stacks).sort()).toEqual(["prod", "staging"]);
    expect(run.job("rehearse").summary).toContain("The first release: production has no stack yet");
    expect(pulumiCommands(run, "rehearse")).toEqual(["stack ls"]);
    // No stack to preview before the approval: the policy pack runs right before the update.
    const prod = callsOf(run, "production", "pulumi").filter((a) =>
      ["preview", "up"].includes(a[0] ?? ""),
    );
    expect(prod.map((a) => [a[0], a.includes("--policy-pack"), a.includes("--plan")])).toEqual([
      ["preview", true, false],
      ["up", false, false],
    ]);
    // Nothing served a page before: the previous-assets check is skipped.
    expect(callsOf(run, "production", "npx").flat()).not.toContain("--previous-page");
    expect(run.world.pulumi.stacks.prod?.config["parity-stack:imageRef"]).toBe(STAGING_IMAGE);
    expect(git.remoteTag("LIVE")).toBe(git.commits[2]);
    // The DIY backend reports every update as version 0: the record names the update by its time.
    expect(git.git("for-each-ref", "--format=%(contents)", "refs/tags/LIVE")).toMatch(
      /\nstaging update: 2026-11-20T09:01:00\.000Z\nprod update: 2026-11-20T09:02:00\.000Z\n/,
    );
  });

  it("takes the first release to production when the administrator created both stacks beforehand", async () => {
    const git = gitFixture();
    const world = firstWorld();
    // README, "Running it for real": `pulumi stack init` with the KMS key, stack files committed;
    // nothing deployed, so no outputs and no resource count.
    for (const name of ["staging", "prod"]) {
      world.pulumi.stacks[name] = { config: {}, outputs: {}, history: [], secretsProvider: KMS };
      world.pulumi.stackFiles[name] = KMS;
    }
    const run = await promote(git, world, git.commits[2]);
    expect(results(run)).toEqual({
      staging: "success",
      rehearse: "success",
      "approve-destructive": "skipped",
      production: "success",
      tag: "success",
    });
    expect(run.job("rehearse").summary).toContain(
      "The first release: production's stack exists but was never deployed (it has no outputs)",
    );
    expect(pulumiCommands(run, "rehearse")).toEqual(["stack ls", "stack output"]);
    expect(callsOf(run, "rehearse", "aws")).toEqual([]);
    expect(run.job("rehearse").outputs.planned).toBe("false");
    const prod = callsOf(run, "production", "pulumi").filter((a) =>
      ["preview", "up"].includes(a[0] ?? ""),
    );
    expect(prod.map((a) => [a[0], a.includes("--policy-pack"), a.includes("--plan")])).toEqual([
      ["preview", true, false],
      ["up", false, false],
    ]);
    expect(run.world.pulumi.stacks.prod?.outputs.imageRef).toBe(STAGING_IMAGE);
    expect(git.remoteTag("LIVE")).toBe(git.commits[2]);
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

  it("rehearses and deploys a normal release on Pulumi Cloud, every pulumi call holding the token", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.pulumi.backend = "cloud";
    const run = await promote(git, world, git.commits[2], {
      secrets: {
        ...DIY_SECRETS,
        PULUMI_BACKEND_URL: "https://api.pulumi.com",
        PULUMI_ACCESS_TOKEN: "pul-token",
      },
    });
    expect(results(run)).toEqual({
      staging: "success",
      rehearse: "success",
      "approve-destructive": "skipped",
      production: "success",
      tag: "success",
    });
    const pulumiCalls = run.calls.filter((c) => c.command === "pulumi" && c.args[0] !== "version");
    expect(pulumiCalls.filter((c) => !c.secrets.includes("PULUMI_ACCESS_TOKEN"))).toEqual([]);
  });

  it("rehearses a normal release on a clone of production's data, deletes the clone and deploys staging's image", async () => {
    const git = gitFixture();
    const run = await promote(git, releasedWorld(git), git.commits[2]);
    expect(results(run)).toEqual({
      staging: "success",
      rehearse: "success",
      "approve-destructive": "skipped",
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
      "approve-destructive": "skipped",
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
    expect(run.world.aws.securityGroups).toEqual({});
    // Both deletions issued before any wait; the group only after the cluster is gone.
    expect(
      awsOps(run, "rehearse", "Destroy the clone").filter((op) => !op.startsWith("ecs")),
    ).toEqual([
      "rds describe-db-instances",
      "rds delete-db-instance",
      "rds describe-db-clusters",
      "rds delete-db-cluster",
      "rds wait",
      "ec2 delete-security-group",
    ]);
    expect(run.world.aws.waits.filter((w) => w.includes("deleted"))).toEqual([
      `db-cluster-deleted ${CLONE}`,
    ]);
  });

  it("stops a release whose production schema was changed by hand before the clone is made, and deploys nothing to production", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.aws.migrationLog = [...schemas.drifted, "migrations: 12 → 13"];
    const run = await promote(git, world, git.commits[2]);
    expect(results(run)).toEqual({
      staging: "success",
      rehearse: "failure",
      "approve-destructive": "skipped",
      production: "skipped",
      tag: "skipped",
    });
    const rehearse = run.job("rehearse");
    expect(rehearse.summary).toContain(
      "- `index public.notes_body_idx`: on production, not in the migration history (hand-applied?)",
    );
    const failed = rehearse.steps.find((step) => step.outcome === "failure");
    expect(failed?.name).toBe("Compare the schemas with each other and with the migration history");
    // Only the snapshot task ran: no preview, no clone, no migration on production's data.
    expect(pulumiCommands(run, "rehearse")).not.toContain("preview --diff");
    const ops = callsOf(run, "rehearse", "aws").map((a) => `${a[0] ?? ""} ${a[1] ?? ""}`);
    expect(ops).not.toContain("rds restore-db-cluster-to-point-in-time");
    expect(ops).not.toContain("ec2 create-security-group");
    expect(run.world.aws.tasks.map((t) => JSON.stringify(t.taskDefinitionArn))).toEqual([
      JSON.stringify(
        "arn:aws:ecs:eu-west-1:123456789012:task-definition/app-cluster-1a2b3c4-migrate-schema:1",
      ),
    ]);
    expect(pulumiCommands(run, "production")).toEqual([]);
    expect(run.world.pulumi.stacks.prod?.outputs.imageRef).toBe(image("b"));
    expect(git.remoteTag("LIVE")).toBe(git.commits[1]);
  });
});

describe("promote.yml, a normal release, run whole", () => {
  let git: GitFixture;
  let run: WorkflowRun;
  beforeAll(async () => {
    git = gitFixture();
    run = await promote(git, releasedWorld(git), git.commits[2]);
  });

  it("reads production's schema and compares it with the migration history before its preview", () => {
    const names = run.job("rehearse").steps.map((step) => step.name);
    const compare = names.indexOf(
      "Compare the schemas with each other and with the migration history",
    );
    expect(names.indexOf("Is production deployed yet")).toBeLessThan(compare);
    expect(compare).toBeLessThan(names.indexOf("Preview production with the release"));
    expect(run.job("rehearse").summary).toContain("schema parity: MATCH");
    // The snapshot runs as production's own task, in production's task group, before any clone.
    const [snapshot] = run.world.aws.tasks as {
      taskDefinitionArn: string;
      network: { awsvpcConfiguration: { securityGroups: string[] } };
    }[];
    expect(snapshot?.taskDefinitionArn).toMatch(/-migrate-schema:1$/);
    expect(snapshot?.network.awsvpcConfiguration.securityGroups).toEqual(["sg-0tasks"]);
  });

  it("gives the clone a security group of its own in production's VPC that admits only itself, and nothing else", () => {
    const aws = callsOf(run, "rehearse", "aws");
    const ops = aws.map((a) => `${a[0] ?? ""} ${a[1] ?? ""}`);
    const call = (op: string) => aws[ops.indexOf(op)];
    const create = call("ec2 create-security-group");
    expect(values(create, "--vpc-id")).toEqual(["vpc-0prod"]);
    const ingress = call("ec2 authorize-security-group-ingress");
    expect([
      values(ingress, "--group-id"),
      values(ingress, "--protocol"),
      values(ingress, "--port"),
      values(ingress, "--source-group"),
    ]).toEqual([[CLONE_GROUP], ["tcp"], ["5432"], [CLONE_GROUP]]);
    expect(ops.filter((op) => op === "ec2 authorize-security-group-ingress")).toHaveLength(1);
    // The clone is in its group only: production's database group (sg-0db) is not attached.
    expect(
      values(call("rds restore-db-cluster-to-point-in-time"), "--vpc-security-group-ids"),
    ).toEqual([CLONE_GROUP]);
    expect(ops.indexOf("ec2 authorize-security-group-ingress")).toBeLessThan(
      ops.indexOf("rds restore-db-cluster-to-point-in-time"),
    );
  });

  it("gives the clone a password of its own once it is available, and hands it only to the rehearsal's tasks, in their group only", () => {
    const aws = callsOf(run, "rehearse", "aws");
    const ops = aws.map((a) => `${a[0] ?? ""} ${a[1] ?? ""}`);
    const password = run.world.aws.passwords[CLONE] ?? "";
    expect(password).toMatch(/^[0-9a-f]{32}$/);
    expect(password).not.toBe(PROD_PASSWORD);
    const modify = aws[ops.indexOf("rds modify-db-cluster")];
    expect(modify).toEqual(
      expect.arrayContaining(["--db-cluster-identifier", CLONE, "--apply-immediately"]),
    );
    expect(run.world.aws.waits.slice(0, 2)).toEqual([
      `db-instance-available ${CLONE}-writer`,
      `db-cluster-available ${CLONE}`,
    ]);
    expect(ops.indexOf("rds modify-db-cluster")).toBeGreaterThan(
      ops.indexOf("rds create-db-instance"),
    );
    const tasks = run.world.aws.tasks as unknown as {
      taskDefinitionArn: string;
      network: { awsvpcConfiguration: { securityGroups: string[] } };
      overrides: {
        containerOverrides?: { name: string; environment: { name: string; value: string }[] }[];
      };
    }[];
    const rehearsal = tasks.filter((t) => t.taskDefinitionArn.includes("-rehearsal"));
    expect(
      rehearsal.map((t) => [
        t.network.awsvpcConfiguration.securityGroups,
        t.overrides.containerOverrides?.map((o) => [
          o.name,
          Object.fromEntries(o.environment.map((e) => [e.name, e.value])),
        ]),
      ]),
    ).toEqual(
      ["migrate", "app"].map((container) => [
        [CLONE_GROUP],
        [
          [
            container,
            {
              DB_WRITER_HOST: `${CLONE}.cluster-abc.eu-west-1.rds.amazonaws.com`,
              DB_READER_HOST: `${CLONE}.cluster-abc.eu-west-1.rds.amazonaws.com`,
              DB_PASSWORD: password,
              DB_SECRET_ARN: "",
            },
          ],
        ],
      ]),
    );
    // Never printed, never in a summary or an output: only the mask command names it.
    for (const job of run.jobs) {
      const log = job.steps
        .map((step) => step.stdout + step.stderr)
        .join("")
        .replaceAll(`::add-mask::${password}`, "");
      expect([job.id, log.includes(password), job.summary.includes(password)]).toEqual([
        job.id,
        false,
        false,
      ]);
      expect(JSON.stringify(job.outputs)).not.toContain(password);
    }
    expect(run.job("rehearse").steps.flatMap((s) => s.stdout.split("\n"))).toContain(
      `::add-mask::${password}`,
    );
  });

  it("tags the clone, its writer and its security group for the sweeper", () => {
    const aws = callsOf(run, "rehearse", "aws");
    const ops = aws.map((a) => `${a[0] ?? ""} ${a[1] ?? ""}`);
    const tags = [
      "project=parity-stack",
      "stack=prod",
      "parity:run-id=4242",
      "parity:purpose=rehearsal-clone",
    ];
    const created = /^parity:created-at=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
    for (const op of ["rds restore-db-cluster-to-point-in-time", "rds create-db-instance"]) {
      const given = values(aws[ops.indexOf(op)], "--tags").map((t) =>
        t.replace(/^Key=([^,]+),Value=(.*)$/, "$1=$2"),
      );
      expect([op, given.slice(0, 4)]).toEqual([op, tags]);
      expect(given[4]).toMatch(created);
    }
    const spec =
      values(aws[ops.indexOf("ec2 create-security-group")], "--tag-specifications")[0] ?? "";
    const groupTags = [...spec.matchAll(/\{Key=([^,}]*),Value=([^}]*)\}/g)].map(
      (m) => `${m[1] ?? ""}=${m[2] ?? ""}`,
    );
    expect(spec).toMatch(/^ResourceType=security-group,Tags=\[/);
    expect(groupTags.slice(0, 4)).toEqual(tags);
    expect(groupTags[4]).toMatch(created);
  });

  it("issues the clone's deletion without waiting first, and deletes its security group once the cluster is gone", () => {
    expect(awsOps(run, "rehearse", "Destroy the clone")).toEqual([
      "ecs deregister-task-definition",
      "ecs deregister-task-definition",
      "rds describe-db-instances",
      "rds delete-db-instance",
      "rds describe-db-clusters",
      "rds delete-db-cluster",
      "rds wait",
      "ec2 delete-security-group",
    ]);
    const deletes = callsOf(run, "rehearse", "aws").filter((a) => /^delete-db-/.test(a[1] ?? ""));
    expect(deletes.map((a) => a.includes("--skip-final-snapshot"))).toEqual([true, true]);
    expect(run.world.aws.waits.filter((w) => w.includes("deleted"))).toEqual([
      `db-cluster-deleted ${CLONE}`,
    ]);
    expect(Object.keys(run.world.aws.clusters)).toEqual(["parity-stack-prod"]);
    expect(run.world.aws.securityGroups).toEqual({});
  });

  it("checks staging against the policy pack before its update", () => {
    const staging = callsOf(run, "staging", "pulumi").filter((a) =>
      ["preview", "up"].includes(a[0] ?? ""),
    );
    expect(
      staging.map((a) => [
        a[0],
        a.includes("--policy-pack") ? a[a.indexOf("--policy-pack") + 1] : "",
      ]),
    ).toEqual([
      ["preview", "policy"],
      ["up", ""],
    ]);
  });

  it("saves production's plan with the policy pack before the approval and applies exactly that plan after it", () => {
    const [preview] = callsOf(run, "rehearse", "pulumi").filter((a) => a[0] === "preview");
    expect(preview).toEqual(expect.arrayContaining(["--policy-pack", "policy", "--save-plan"]));
    expect(run.artifacts["prod-plan"]).toEqual(["prod-plan.json"]);
    const [up] = callsOf(run, "production", "pulumi").filter((a) => a[0] === "up");
    expect(up?.[up.indexOf("--plan") + 1]).toMatch(/\/approved\/prod-plan\.json$/);
    expect(run.job("rehearse").summary).toContain(
      "The plan replaces or deletes no stateful resource and creates or changes no IAM or security-group resource.",
    );
    expect(run.job("production").summary).toContain("applying the approved plan");
  });

  it("checks after each deploy that the page served before it still finds its assets", () => {
    for (const job of ["staging", "production"]) {
      const verify = callsOf(run, job, "npx").find((a) => a[1] === "verify") ?? [];
      const page = verify[verify.indexOf("--previous-page") + 1] ?? "";
      expect([job, verify.includes("--previous-page")]).toEqual([job, true]);
      expect(page).toMatch(/previous-page-(staging|prod)\.html$/);
    }
    expect(
      run
        .job("production")
        .steps.flatMap((s) => s.stdout)
        .join(""),
    ).toContain(
      "PASS  previous-assets: 1 assets of the release being replaced still load from this one.",
    );
  });

  it("runs the browser functional suite against staging, and read-only against production, into their summaries", () => {
    const suite = (job: string) =>
      callsOf(run, job, "npx").find((a) => a[1] === "functional") ?? [];
    expect(suite("staging").slice(0, 3)).toEqual([
      "parity",
      "functional",
      "https://staging.parity-stack.io",
    ]);
    expect(suite("staging")).not.toContain("--read-only");
    expect(suite("production")).toContain("--read-only");
    expect(run.job("staging").summary).toContain(
      "### Functional tests: the environment works for its users",
    );
    expect(run.job("production").summary).toContain(
      "### Functional tests (read-only): the environment works for its users",
    );
    expect(Object.keys(run.artifacts)).toEqual(["prod-plan"]);
  });

  it("runs the live release's smoke tests on the migrated clone before the approval and says so in the summary", () => {
    const smoke = Object.values(run.world.aws.tasks).find((t) =>
      JSON.stringify(t.taskDefinitionArn).includes("rehearsal-smoke"),
    );
    expect(smoke).toBeDefined();
    expect(run.job("rehearse").summary).toContain(
      "### The live release's smoke tests on the migrated clone: exit code 0",
    );
    expect(run.job("rehearse").summary).toContain(
      `The live release's smoke tests run ${image("b")}`,
    );
    const registered = callsOf(run, "rehearse", "aws").filter(
      (a) => a[1] === "register-task-definition",
    );
    // The schema snapshot's task, the migration's, then the smoke tests'.
    const input = JSON.parse(registered[2]?.[3] ?? "{}") as {
      containerDefinitions: {
        name: string;
        image: string;
        environment: { name: string; value: string }[];
        command?: string[];
      }[];
    };
    const [app, tests] = input.containerDefinitions;
    expect(app?.image).toBe(image("b"));
    expect(app?.environment.filter((e) => e.name.startsWith("DB_")).map((e) => e.value)).toEqual([
      "parity-stack-prod-rehearsal-4242.cluster-abc.eu-west-1.rds.amazonaws.com",
      "parity-stack-prod-rehearsal-4242.cluster-abc.eu-west-1.rds.amazonaws.com",
    ]);
    expect(tests?.image).toBe(image("b"));
    expect(tests?.environment).toEqual([
      { name: "PORT", value: "8080" },
      { name: "EXPECTED_SCHEMA_VERSION", value: "13" },
    ]);
    expect(tests?.command?.[2]).toContain("the live release starts on the migrated schema");
    expect(
      Object.keys(run.world.aws.taskDefinitions).filter((arn) => arn.includes("rehearsal")),
    ).toEqual([]);
  });
});

describe("promote.yml stops or rolls back a release, run whole", () => {
  it("stops staging at a mandatory policy violation, before its update", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.pulumi.policyViolations.staging = ["database-not-public (aws:rds/cluster:Cluster: main)"];
    const run = await promote(git, world, git.commits[2]);
    expect(results(run)).toMatchObject({ staging: "failure", production: "skipped" });
    expect(pulumiCommands(run, "staging")).not.toContain("up --yes");
  });

  it("stops the release before the approval at a mandatory policy violation in production's preview", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.pulumi.policyViolations.prod = [
      "database-deletion-protected (aws:rds/cluster:Cluster: main)",
    ];
    const run = await promote(git, world, git.commits[2]);
    expect(results(run)).toMatchObject({ rehearse: "failure", production: "skipped" });
  });

  it("stops the release when the live release fails its smoke tests on the migrated clone", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.aws.smokeExitCode = 1;
    world.aws.smokeLog = [
      "FAIL a note it saves is read back at once: GET /notes/1: expected 200, got 500",
    ];
    const run = await promote(git, world, git.commits[2]);
    expect(results(run)).toMatchObject({
      rehearse: "failure",
      production: "skipped",
      tag: "skipped",
    });
    expect(run.job("rehearse").summary).toContain("FAIL a note it saves is read back at once");
    expect(Object.keys(run.world.aws.clusters)).toEqual(["parity-stack-prod"]);
    expect(
      Object.keys(run.world.aws.taskDefinitions).filter((arn) => arn.includes("rehearsal")),
    ).toEqual([]);
  });

  it("asks production-destructive's reviewers too when the plan replaces the database, and lists it for them", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.pulumi.previewSteps.prod = [
      {
        type: "aws:rds/cluster:Cluster",
        name: "main",
        steps: ["create-replacement", "replace", "delete-replaced"],
      },
      { type: "aws:ecs/service:Service", name: "app-service", steps: ["update"] },
    ];
    const run = await promote(git, world, git.commits[2]);
    expect(results(run)).toMatchObject({ "approve-destructive": "success", production: "success" });
    expect(run.job("approve-destructive").environment).toBe("production-destructive");
    expect(run.job("rehearse").summary).toContain("- replace aws:rds/cluster:Cluster main");
    expect(run.job("approve-destructive").summary).toContain(
      "- replace aws:rds/cluster:Cluster main",
    );
  });

  it("never applies a plan that production-destructive's reviewers rejected", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.pulumi.previewSteps.prod = [
      { type: "aws:iam/rolePolicy:RolePolicy", name: "app-task", steps: ["update"] },
    ];
    const run = await promote(git, world, git.commits[2], { rejected: ["production-destructive"] });
    expect(results(run)).toMatchObject({
      "approve-destructive": "failure",
      production: "skipped",
      tag: "skipped",
    });
    expect(run.world.pulumi.stacks.prod?.outputs.imageRef).toBe(image("b"));
  });

  it("refuses a plan that no longer applies, and rolls production back to LIVE", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.pulumi.changedSincePreview.prod =
      "urn:pulumi:prod::parity-stack::aws:ecs/service:Service::app-service";
    const run = await promote(git, world, git.commits[2]);
    expect(results(run)).toMatchObject({ production: "failure", tag: "skipped" });
    expect(
      run
        .job("production")
        .steps.map((s) => s.stderr)
        .join(""),
    ).toContain(
      "resource urn:pulumi:prod::parity-stack::aws:ecs/service:Service::app-service violates plan",
    );
    expect(run.world.pulumi.stacks.prod?.outputs.imageRef).toBe(image("b"));
  });

  it("rolls production back when the previous release's assets no longer load after its deploy", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.verify.skewFailUrls = ["https://app.parity-stack.io"];
    const run = await promote(git, world, git.commits[2]);
    expect(results(run)).toMatchObject({ production: "failure", tag: "skipped" });
    expect(run.world.pulumi.stacks.prod?.outputs.imageRef).toBe(image("b"));
  });

  it("rolls production back when its read-only browser tests fail, keeping their screenshots and traces", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.functional.failUrls = ["https://app.parity-stack.io"];
    const run = await promote(git, world, git.commits[2]);
    expect(results(run)).toMatchObject({ production: "failure", tag: "skipped" });
    expect(run.world.pulumi.stacks.prod?.outputs.imageRef).toBe(image("b"));
    expect(run.artifacts["functional-results-production"]).toEqual([
      "page-loads.png",
      "page-loads.trace.zip",
    ]);
    expect(run.job("production").summary).toMatch(
      /Screenshots and Playwright traces of the failed tests: \[functional-results-production\]\(https:\/\/github\.com\/acme\/parity-stack\/actions\/runs\/4242\/artifacts\/\d+\)/,
    );
  });

  it("stops a release whose browser tests fail on staging, keeping their screenshots and traces", async () => {
    const git = gitFixture();
    const world = releasedWorld(git);
    world.functional.failUrls = ["https://staging.parity-stack.io"];
    const run = await promote(git, world, git.commits[2]);
    expect(results(run)).toMatchObject({
      staging: "failure",
      rehearse: "skipped",
      production: "skipped",
    });
    expect(run.artifacts["functional-results-staging"]).toEqual([
      "page-loads.png",
      "page-loads.trace.zip",
    ]);
    expect(run.job("staging").summary).toContain("❌ The page loads with its heading");
  });
});

itExecutesEveryRunStep(PROMOTE);
itExecutesEveryRunStep(".github/actions/functional-tests/action.yml");
itExecutesEveryRunStep(".github/actions/save-live-page/action.yml");
