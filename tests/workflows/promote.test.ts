import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { runStep, type RunOptions, type StepResult } from "./harness/run-step";
import { findStep, ROOT } from "./harness/steps";
import { gitFixture, image, PROD_OUTPUTS, PULUMI_STUB, type GitFixture } from "./release-fixtures";

const PROMOTE = ".github/workflows/promote.yml";
const STAGING_IMAGE = image("c");

interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly with?: Record<string, string>;
}
interface Job {
  readonly if?: string;
  readonly needs?: string | string[];
  readonly concurrency?: { group: string; "cancel-in-progress": boolean; queue?: string };
  readonly environment?: string | { name: string };
  readonly steps: Step[];
}
const workflow = parse(readFileSync(path.join(ROOT, PROMOTE), "utf8")) as {
  on: unknown;
  jobs: Record<string, Job>;
};
const job = (name: string): Job => {
  const found = workflow.jobs[name];
  if (found === undefined) throw new Error(`no job ${name}`);
  return found;
};
const stepOf = (jobName: string, id: string): Step | undefined =>
  job(jobName).steps.find((step) => step.id === id);

/** The values every job's env asks for. */
function expressions(release: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "github.event.workflow_run.head_sha": release,
    "secrets.PULUMI_BACKEND_URL": "s3://state",
    "secrets.PULUMI_ACCESS_TOKEN": "",
    "secrets.CLOUDFLARE_API_TOKEN": "cf-token",
    "needs.staging.outputs.image-ref": STAGING_IMAGE,
    ...extra,
  };
}

function run(
  jobName: string,
  step: string,
  options: RunOptions & { release?: string; extra?: Record<string, string> } = {},
): StepResult {
  return runStep(findStep(PROMOTE, step, jobName), {
    ...options,
    expressions: expressions(options.release ?? "0123abc", options.extra),
    env: { PULUMI_OUTPUTS: JSON.stringify(PROD_OUTPUTS), ...options.env },
  });
}

const argsOf = (result: StepResult, command: string) =>
  result.calls.filter((c) => c.command === command).map((c) => c.args);

describe("promote.yml: order and guard rails", () => {
  it("starts only when ci completed, on main", () => {
    expect(workflow.on).toEqual({
      workflow_run: { workflows: ["ci"], types: ["completed"], branches: ["main"] },
    });
  });

  it("promotes only a push to main of this repository whose tests passed", () => {
    expect(job("staging").if?.replace(/\s+/g, " ").trim()).toBe(
      "github.event.workflow_run.conclusion == 'success' && github.event.workflow_run.event == 'push' && github.event.workflow_run.head_branch == 'main' && github.event.workflow_run.head_repository.full_name == github.repository",
    );
  });

  it("checks out exactly the commit CI tested in every job that runs code", () => {
    for (const [name, { steps }] of Object.entries(workflow.jobs)) {
      if (name === "approve-destructive") continue;
      const checkout = steps.find((step) => step.uses?.startsWith("actions/checkout@"));
      expect([name, checkout?.with?.ref]).toEqual([
        name,
        "${{ github.event.workflow_run.head_sha }}",
      ]);
    }
  });

  it("gives staging and production their own concurrency groups, never cancelling a release", () => {
    expect(job("staging").concurrency).toEqual({
      group: "pulumi-staging",
      "cancel-in-progress": false,
      queue: "max",
    });
    expect(job("production").concurrency).toEqual({
      group: "pulumi-prod",
      "cancel-in-progress": false,
      queue: "max",
    });
  });

  it("reaches production only after staging and the rehearsal on production's data", () => {
    expect(job("rehearse").needs).toBe("staging");
    expect(job("approve-destructive").needs).toBe("rehearse");
    expect(job("approve-destructive").environment).toBe("production-destructive");
    expect(job("production").needs).toEqual(["staging", "rehearse", "approve-destructive"]);
    expect(job("production").environment).toEqual({
      name: "production",
      url: "${{ steps.deploy.outputs.url }}",
    });
    expect(job("tag").needs).toEqual(["staging", "production"]);
  });

  it("deploys to production staging's exported image, never a committed one", () => {
    expect(stepOf("production", "deploy")).toMatchObject({
      uses: "./.github/actions/deploy-image",
      with: { stack: "prod", "image-ref": "${{ needs.staging.outputs.image-ref }}" },
    });
  });

  it("rolls back to LIVE's image exactly when production's deploy, verification or browser tests failed", () => {
    expect(stepOf("production", "rollback")).toMatchObject({
      if: "failure() && (steps.deploy.outcome == 'failure' || steps.verify.outcome == 'failure' || steps.functional.outcome == 'failure') && steps.live.outputs.image-ref != ''",
      uses: "./.github/actions/deploy-image",
      with: { stack: "prod", "image-ref": "${{ steps.live.outputs.image-ref }}" },
    });
  });

  it("destroys the clone even when the rehearsal fails or is cancelled", () => {
    const destroy = job("rehearse").steps.find((step) => step.name === "Destroy the clone");
    expect(destroy?.if).toBe("always()");
  });
});

describe("promote.yml staging", () => {
  it("runs pulumi up of staging for the release commit", () => {
    const result = run("staging", "pulumi up (builds and pushes the image, migrates, rolls out)", {
      release: "0123abc",
      stubs: { pulumi: "exit 0" },
    });
    expect(result.status).toBe(0);
    expect(argsOf(result, "pulumi")).toEqual([
      ["up", "--yes", "--non-interactive", "--stack", "staging", "--message", "release 0123abc"],
    ]);
  });

  it("reads the exported image, release, URL and update version", () => {
    const staging = {
      ...PROD_OUTPUTS,
      hostname: "staging.parity-stack.dev",
      imageRef: STAGING_IMAGE,
    };
    const result = run("staging", "outputs", {
      stubs: { pulumi: PULUMI_STUB },
      env: { PULUMI_OUTPUTS: JSON.stringify(staging) },
    });
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({
      "image-ref": STAGING_IMAGE,
      release: PROD_OUTPUTS.releaseId,
      url: "https://staging.parity-stack.dev",
      version: "17",
    });
  });

  it("refuses an exported image that is not pinned by digest", () => {
    const result = run("staging", "outputs", {
      stubs: { pulumi: PULUMI_STUB },
      env: { PULUMI_OUTPUTS: JSON.stringify({ ...PROD_OUTPUTS, imageRef: "app:latest" }) },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      "::error::staging exported imageRef 'app:latest', not an image pinned by digest",
    );
  });

  const functional = (curlBody: string) =>
    run("staging", "functional", {
      extra: {
        "steps.outputs.outputs.url": "https://staging.parity-stack.dev",
        "steps.outputs.outputs.release": "sha256:cc",
        "steps.previous.outputs.file": "",
      },
      stubs: { npx: "exit 0", curl: `printf '%s' '${curlBody}'` },
    });

  it("verifies staging with writes and hands on the schema version it reached", () => {
    const result = functional('{"releaseId":"sha256:cc","schemaVersion":3}');
    expect(result.status).toBe(0);
    expect(argsOf(result, "npx")).toEqual([
      [
        "parity",
        "verify",
        "https://staging.parity-stack.dev",
        "--release",
        "sha256:cc",
        "--through-cloudflare",
      ],
    ]);
    expect(result.outputs).toEqual({ "schema-version": "3" });
  });

  it("fails when staging reports no schema version", () => {
    const result = functional('{"releaseId":"sha256:cc"}');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      "::error::https://staging.parity-stack.dev/release reported schemaVersion 'null', not a number",
    );
  });
});

describe("promote.yml rehearsal", () => {
  it("puts production's pulumi preview with the release's image into the job summary", () => {
    const result = run("rehearse", "Preview production with the release", {
      stubs: { pulumi: PULUMI_STUB },
    });
    expect(result.status).toBe(0);
    expect(argsOf(result, "pulumi")).toEqual([
      ["config", "set", "parity-stack:imageRef", STAGING_IMAGE, "--stack", "prod"],
      [
        "preview",
        "--diff",
        "--non-interactive",
        "--color",
        "never",
        "--stack",
        "prod",
        "--policy-pack",
        "policy",
        "--save-plan",
        `${result.runnerTemp}/prod-plan.json`,
      ],
    ]);
    expect(result.summary).toBe(
      `### \`pulumi preview\` of prod with \`${STAGING_IMAGE}\`\n\n\`\`\`diff\n  ~ pulumi-nodejs:dynamic/parity:MigrationRun app-migration update\n  ~ aws:ecs/service:Service app-service update\n\`\`\`\n`,
    );
  });

  const RDS = `
case "$2" in
  describe-db-clusters)
    if [[ "$*" == *Endpoint* ]]; then echo "parity-stack-prod-rehearsal-4242.cluster-abc.eu-west-1.rds.amazonaws.com"
    else printf '%s' '{"Engine":"aurora-postgresql","DBSubnetGroup":"main-db-subnets","VpcSecurityGroups":[{"VpcSecurityGroupId":"sg-db"}],"ServerlessV2ScalingConfiguration":{"MinCapacity":0.5,"MaxCapacity":4}}'; fi ;;
  describe-db-instances) echo "db.serverless" ;;
  describe-db-subnet-groups) echo "vpc-0prod" ;;
  create-security-group) echo "sg-0clone" ;;
  restore-db-cluster-to-point-in-time) [ -z "\${RESTORE_FAILS:-}" ] || { echo "DBClusterQuotaExceeded" >&2; exit 254; }; printf '{}' ;;
  *) printf '{}' ;;
esac`;
  /** The clone's tags as `--tags` takes them; the creation time is any UTC second. */
  const TAGS: string[] = [
    "Key=project,Value=parity-stack",
    "Key=stack,Value=prod",
    "Key=parity:run-id,Value=4242",
    "Key=parity:purpose,Value=rehearsal-clone",
  ];
  const CREATED = /^Key=parity:created-at,Value=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

  it("clones production's cluster copy-on-write with its network and a writer of its class", () => {
    const result = run("rehearse", "clone", { stubs: { pulumi: PULUMI_STUB, aws: RDS } });
    expect(result.status).toBe(0);
    const aws = argsOf(result, "aws");
    expect(aws.map((args) => `${args[0] ?? ""} ${args[1] ?? ""}`)).toEqual([
      "rds describe-db-clusters",
      "rds describe-db-subnet-groups",
      "ec2 create-security-group",
      "ec2 authorize-security-group-ingress",
      "rds restore-db-cluster-to-point-in-time",
      "rds describe-db-instances",
      "rds create-db-instance",
      "rds wait",
      "rds modify-db-cluster",
      "rds wait",
      "rds describe-db-clusters",
    ]);
    const password = result.outputs.password ?? "";
    expect(password).toMatch(/^[0-9a-f]{32}$/);
    // Masked before anything could print it, and printed nowhere else.
    expect(result.stdout.startsWith(`::add-mask::${password}\n`)).toBe(true);
    expect(result.stdout.replace(`::add-mask::${password}`, "")).not.toContain(password);
    expect(aws[2]?.slice(0, 9)).toEqual([
      "ec2",
      "create-security-group",
      "--group-name",
      "parity-stack-prod-rehearsal-4242",
      "--vpc-id",
      "vpc-0prod",
      "--description",
      "Rehearsal 4242: only the rehearsal's tasks reach its clone",
      "--tag-specifications",
    ]);
    expect(aws[2]?.[9]).toMatch(
      /^ResourceType=security-group,Tags=\[\{Key=project,Value=parity-stack\},/,
    );
    expect(aws[3]).toEqual([
      "ec2",
      "authorize-security-group-ingress",
      "--group-id",
      "sg-0clone",
      "--protocol",
      "tcp",
      "--port",
      "null",
      "--source-group",
      "sg-0clone",
    ]);
    expect(aws[4]).toEqual([
      "rds",
      "restore-db-cluster-to-point-in-time",
      "--restore-type",
      "copy-on-write",
      "--source-db-cluster-identifier",
      "parity-stack-prod",
      "--use-latest-restorable-time",
      "--db-cluster-identifier",
      "parity-stack-prod-rehearsal-4242",
      "--db-subnet-group-name",
      "main-db-subnets",
      "--vpc-security-group-ids",
      "sg-0clone",
      "--serverless-v2-scaling-configuration",
      '{"MinCapacity":0.5,"MaxCapacity":4}',
      "--tags",
      ...TAGS,
      expect.stringMatching(CREATED) as unknown as string,
    ]);
    expect(aws[6]).toEqual([
      "rds",
      "create-db-instance",
      "--db-instance-identifier",
      "parity-stack-prod-rehearsal-4242-writer",
      "--db-cluster-identifier",
      "parity-stack-prod-rehearsal-4242",
      "--engine",
      "aurora-postgresql",
      "--db-instance-class",
      "db.serverless",
      "--tags",
      ...TAGS,
      expect.stringMatching(CREATED) as unknown as string,
    ]);
    expect(aws[8]).toEqual([
      "rds",
      "modify-db-cluster",
      "--db-cluster-identifier",
      "parity-stack-prod-rehearsal-4242",
      "--no-manage-master-user-password",
      "--master-user-password",
      password,
      "--apply-immediately",
    ]);
    expect(result.outputs).toEqual({
      identifier: "parity-stack-prod-rehearsal-4242",
      password,
      "security-group": "sg-0clone",
      "writer-host": "parity-stack-prod-rehearsal-4242.cluster-abc.eu-west-1.rds.amazonaws.com",
    });
    expect(result.summary).not.toContain(password);
  });

  it("names the clone before creating it, so a failed restore is still cleaned up", () => {
    const result = run("rehearse", "clone", {
      stubs: { pulumi: PULUMI_STUB, aws: RDS },
      env: { RESTORE_FAILS: "1" },
    });
    expect(result.status).not.toBe(0);
    expect(result.outputs.password).toMatch(/^[0-9a-f]{32}$/);
    expect({ ...result.outputs, password: "" }).toEqual({
      identifier: "parity-stack-prod-rehearsal-4242",
      password: "",
      "security-group": "sg-0clone",
    });
  });

  it("registers production's migration task with the release's image, for the rehearsal", () => {
    const current = {
      taskDefinitionArn: PROD_OUTPUTS.migrationTaskDefinitionArn,
      family: "app-cluster-1a2b3c4-migrate",
      revision: 7,
      status: "ACTIVE",
      taskRoleArn: "arn:aws:iam::123456789012:role/app-task",
      executionRoleArn: "arn:aws:iam::123456789012:role/app-execution",
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      compatibilities: ["EC2", "FARGATE"],
      cpu: "1024",
      memory: "2048",
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
      containerDefinitions: [{ name: "migrate", image: PROD_OUTPUTS.imageRef, command: ["node"] }],
    };
    const result = run("rehearse", "task", {
      stubs: {
        pulumi: PULUMI_STUB,
        aws: `case "$2" in
  describe-task-definition) printf '%s' '${JSON.stringify(current)}' ;;
  register-task-definition) echo "arn:aws:ecs:eu-west-1:123456789012:task-definition/app-cluster-1a2b3c4-migrate-rehearsal:1" ;;
esac`,
      },
    });
    expect(result.status).toBe(0);
    const register = argsOf(result, "aws")[1] ?? [];
    expect(JSON.parse(register[register.indexOf("--cli-input-json") + 1] ?? "")).toEqual({
      family: "app-cluster-1a2b3c4-migrate-rehearsal",
      taskRoleArn: current.taskRoleArn,
      executionRoleArn: current.executionRoleArn,
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: "1024",
      memory: "2048",
      runtimePlatform: current.runtimePlatform,
      containerDefinitions: [{ name: "migrate", image: STAGING_IMAGE, command: ["node"] }],
    });
    expect(result.outputs).toEqual({
      arn: "arn:aws:ecs:eu-west-1:123456789012:task-definition/app-cluster-1a2b3c4-migrate-rehearsal:1",
    });
  });

  const destroy = (clone: string, taskDefinition: string, exists: boolean, group = "") =>
    run("rehearse", "Destroy the clone", {
      extra: {
        "steps.clone.outputs.identifier": clone,
        "steps.clone.outputs.security-group": group,
        "steps.task.outputs.arn": taskDefinition,
        "steps.smoke-task.outputs.arn": "",
      },
      stubs: {
        aws: `case "$2" in describe-*) ${exists ? "printf '{}'" : "exit 254"} ;; *) printf '{}' ;; esac`,
      },
    });

  it("deletes the clone's writer and the clone without waiting, then its group, and the rehearsal task definition", () => {
    const result = destroy(
      "parity-stack-prod-rehearsal-4242",
      "arn:…:rehearsal:1",
      true,
      "sg-0clone",
    );
    expect(result.status).toBe(0);
    expect(argsOf(result, "aws").map((args) => args.slice(0, 3))).toEqual([
      ["ecs", "deregister-task-definition", "--task-definition"],
      ["rds", "describe-db-instances", "--db-instance-identifier"],
      ["rds", "delete-db-instance", "--db-instance-identifier"],
      ["rds", "describe-db-clusters", "--db-cluster-identifier"],
      ["rds", "delete-db-cluster", "--db-cluster-identifier"],
      ["rds", "wait", "db-cluster-deleted"],
      ["ec2", "delete-security-group", "--group-id"],
    ]);
    expect(argsOf(result, "aws")[4]).toEqual([
      "rds",
      "delete-db-cluster",
      "--db-cluster-identifier",
      "parity-stack-prod-rehearsal-4242",
      "--skip-final-snapshot",
    ]);
  });

  it("deletes nothing that was never created", () => {
    const result = destroy("parity-stack-prod-rehearsal-4242", "", false);
    expect(result.status).toBe(0);
    expect(argsOf(result, "aws").map((args) => args[1])).toEqual([
      "describe-db-instances",
      "describe-db-clusters",
    ]);
  });

  it("leaves the clone's group tagged for the sweeper when EC2 still refuses it", () => {
    const result = run("rehearse", "Destroy the clone", {
      extra: {
        "steps.clone.outputs.identifier": "parity-stack-prod-rehearsal-4242",
        "steps.clone.outputs.security-group": "sg-0clone",
        "steps.task.outputs.arn": "",
        "steps.smoke-task.outputs.arn": "",
      },
      stubs: {
        aws: `case "$2" in describe-*) exit 254 ;; delete-security-group) echo "DependencyViolation" >&2; exit 254 ;; *) printf '{}' ;; esac`,
        sleep: "true",
      },
    });
    expect(result.status).toBe(0);
    expect(
      argsOf(result, "aws").filter((args) => args[1] === "delete-security-group"),
    ).toHaveLength(5);
    expect(result.stdout).toContain(
      "::warning::The security group sg-0clone of the clone parity-stack-prod-rehearsal-4242 could not be deleted yet; it stays, tagged parity:purpose=rehearsal-clone, for rehearsal-sweep.yml",
    );
  });

  it("does nothing when the job stopped before the clone was named", () => {
    const result = destroy("", "", false);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("No clone was started.\n");
    expect(result.calls).toEqual([]);
  });
});

describe("promote.yml production", () => {
  let repo: GitFixture;
  beforeEach(() => {
    repo = gitFixture();
  });

  const guard = (release: string) => run("production", "live", { release, workspace: repo.work });

  it("lets the first release through when there is no LIVE tag yet", () => {
    const result = guard(repo.commits[2]);
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({});
  });

  it("hands on the image and commit recorded on LIVE, to roll back to", () => {
    repo.tag("LIVE", repo.commits[1], image("b"));
    const result = guard(repo.commits[2]);
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({ "image-ref": image("b"), commit: repo.commits[1] });
  });

  it("refuses to deploy an old re-run: a commit LIVE already descends from", () => {
    repo.tag("LIVE", repo.commits[2], image("b"));
    const result = guard(repo.commits[1]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `::error::${repo.commits[1]} does not descend from LIVE (${repo.commits[2]}): a re-run of an older release. Production was not changed; use the rollback workflow to go back.`,
    );
  });

  const verifyExpressions = {
    "steps.deploy.outputs.url": "https://app.parity-stack.io",
    "steps.deploy.outputs.release": "sha256:cc",
    "needs.staging.outputs.schema-version": "3",
    "steps.previous.outputs.file": "",
  };

  it("verifies production without writes, at staging's schema version", () => {
    const result = run("production", "verify", {
      extra: verifyExpressions,
      stubs: { npx: "exit 0" },
    });
    expect(result.status).toBe(0);
    expect(argsOf(result, "npx")).toEqual([
      [
        "parity",
        "verify",
        "https://app.parity-stack.io",
        "--release",
        "sha256:cc",
        "--migration",
        "3",
        "--read-only",
        "--through-cloudflare",
      ],
    ]);
  });

  it("fails the job when verification fails, which triggers the rollback to LIVE's image", () => {
    repo.tag("LIVE", repo.commits[1], image("b"));
    const live = guard(repo.commits[2]);
    const verify = run("production", "verify", {
      extra: verifyExpressions,
      stubs: { npx: "exit 1" },
    });
    expect(verify.status).toBe(1);
    // The rollback step deploys what the guard read from LIVE (see deploy-image's tests).
    expect(live.outputs["image-ref"]).toBe(image("b"));
    expect(stepOf("production", "rollback")?.with?.["image-ref"]).toBe(
      "${{ steps.live.outputs.image-ref }}",
    );
  });

  it("verifies the rollback and says so in the summary", () => {
    const result = run("production", "Verify the rollback", {
      extra: {
        "steps.rollback.outputs.url": "https://app.parity-stack.io",
        "steps.rollback.outputs.release": "sha256:bb",
      },
      stubs: { npx: "exit 0" },
    });
    expect(result.status).toBe(0);
    expect(argsOf(result, "npx")).toEqual([
      [
        "parity",
        "verify",
        "https://app.parity-stack.io",
        "--release",
        "sha256:bb",
        "--read-only",
        "--through-cloudflare",
      ],
    ]);
    expect(result.summary).toBe(
      "Production failed verification and was rolled back to LIVE's release sha256:bb.\n",
    );
  });
});

describe("promote.yml tags", () => {
  let repo: GitFixture;
  beforeEach(() => {
    repo = gitFixture();
  });

  const tag = (release: string) =>
    run("tag", "Tag the released commit", {
      release,
      workspace: repo.work,
      extra: {
        "needs.staging.outputs.version": "41",
        "needs.production.outputs.version": "17",
      },
    });
  const deployedTags = () =>
    repo
      .git("ls-remote", "--tags", "origin", "refs/tags/DEPLOYED-*")
      .split("\n")
      .filter((line) => line !== "" && !line.endsWith("^{}"));

  it("moves LIVE forward and adds a DEPLOYED tag named to the second with the run id", () => {
    repo.tag("LIVE", repo.commits[1], image("b"));
    const result = tag(repo.commits[2]);
    expect(result.status).toBe(0);
    expect(repo.remoteTag("LIVE")).toBe(repo.commits[2]);
    const [deployed, ...others] = deployedTags();
    expect(others).toEqual([]);
    const name = deployed?.split("refs/tags/")[1] ?? "";
    expect(name).toMatch(/^DEPLOYED-\d{4}-\d{2}-\d{2}\/\d{6}-4242$/);
    expect(repo.remoteTag(name)).toBe(repo.commits[2]);
    expect(repo.git("for-each-ref", "--format=%(contents)", "refs/tags/LIVE")).toContain(
      `image: ${STAGING_IMAGE}\nstaging update: 41\nprod update: 17\n`,
    );
  });

  it("tags the first release, when there is no LIVE yet", () => {
    const result = tag(repo.commits[0]);
    expect(result.status).toBe(0);
    expect(repo.remoteTag("LIVE")).toBe(repo.commits[0]);
    expect(deployedTags()).toHaveLength(1);
  });

  it("never moves LIVE backwards, and then pushes no tag at all", () => {
    repo.tag("LIVE", repo.commits[2], image("b"));
    const result = tag(repo.commits[1]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `::error::LIVE (${repo.commits[2]}) is not an ancestor of ${repo.commits[1]}; LIVE never moves backwards. No tag was pushed.`,
    );
    expect(repo.remoteTag("LIVE")).toBe(repo.commits[2]);
    expect(deployedTags()).toEqual([]);
  });

  it("pushes neither tag when LIVE moved on the remote after it was read", () => {
    repo.tag("LIVE", repo.commits[0], image("a"));
    // The run read LIVE at another tag object than the one origin has by the time it pushes.
    const result = run("tag", "Tag the released commit", {
      release: repo.commits[2],
      workspace: repo.work,
      extra: { "needs.staging.outputs.version": "1", "needs.production.outputs.version": "1" },
      stubs: {
        git: `if [ "$1" = ls-remote ]; then printf '%s\\trefs/tags/LIVE\\n' ${"1".repeat(40)}; exit 0; fi
PATH=\${PATH#*:} exec git "$@"`,
      },
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/\[rejected\] +LIVE -> LIVE \(stale info\)/);
    expect(result.stderr).toMatch(
      /\[rejected\] +DEPLOYED-\S+ -> DEPLOYED-\S+ \(atomic push failed\)/,
    );
    expect(repo.remoteTag("LIVE")).toBe(repo.commits[0]);
    expect(deployedTags()).toEqual([]);
  });
});

// Every run: step of promote.yml is executed by the whole runs of promote-runs.test.ts.
