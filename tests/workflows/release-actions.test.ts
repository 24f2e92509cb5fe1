import { itExecutesEveryRunStep } from "./harness/coverage";
import { runStep, type StepResult } from "./harness/run-step";
import { findStep } from "./harness/steps";
import { image, PROD_OUTPUTS, PULUMI_STUB } from "./release-fixtures";

const MIGRATIONS = ".github/actions/run-migrations/action.yml";
const DEPLOY = ".github/actions/deploy-image/action.yml";

const TASK_ARN = "arn:aws:ecs:eu-west-1:123456789012:task/app-cluster-1a2b3c4/0f1e2d3c4b5a6978";

/**
 * A stub `aws`: run-task starts `$TASK_ARN`, describe-tasks answers RUNNING `$RUNNING_POLLS` times
 * and then STOPPED with `$EXIT_CODE`, the task's log is `$LOG_EVENTS`.
 */
const AWS_ECS = `
case "$1 $2" in
  "ecs run-task") echo "$TASK_ARN" ;;
  "ecs describe-tasks")
    polls=$(cat "$RUNNER_TEMP/polls" 2>/dev/null || echo 0)
    echo $((polls + 1)) > "$RUNNER_TEMP/polls"
    if [ "$polls" -lt "$RUNNING_POLLS" ]; then
      printf '{"tasks":[{"lastStatus":"RUNNING","containers":[{"name":"migrate"}]}]}'
    else
      printf '{"tasks":[{"lastStatus":"STOPPED","stoppedReason":"Essential container in task exited","containers":[{"name":"migrate","exitCode":%s}]}]}' "$EXIT_CODE"
    fi ;;
  "ecs stop-task") printf '{}' ;;
  "ecs describe-task-definition") printf '{"awslogs-group":"app-logs-1a2b3c4","awslogs-stream-prefix":"app"}' ;;
  "logs get-log-events") printf '%s' "$LOG_EVENTS" ;;
  *) echo "unexpected aws $*" >&2; exit 2 ;;
esac`;

/** A clock in $RUNNER_TEMP/clock that only `sleep` advances: 15 minutes pass in milliseconds. */
const CLOCK = {
  date: `if [ "$1" = "+%s" ]; then echo $((1700000000 + $(cat "$RUNNER_TEMP/clock" 2>/dev/null || echo 0))); else PATH=\${PATH#*:} exec date "$@"; fi`,
  sleep: `echo $(( $(cat "$RUNNER_TEMP/clock" 2>/dev/null || echo 0) + $1 )) > "$RUNNER_TEMP/clock"`,
};

function migrate(
  env: { RUNNING_POLLS: number; EXIT_CODE?: number; LOG_EVENTS?: string; TASK?: string },
  inputs: Partial<
    Record<
      | "task-definition"
      | "writer-host"
      | "deadline-seconds"
      | "database-password"
      | "database-container"
      | "security-group",
      string
    >
  > = {},
): StepResult {
  return runStep(findStep(MIGRATIONS, "run"), {
    expressions: {
      "inputs.stack": "prod",
      "inputs.container": "migrate",
      "inputs.title": "",
      "inputs.task-definition": inputs["task-definition"] ?? "",
      "inputs.writer-host": inputs["writer-host"] ?? "",
      "inputs.database-password": inputs["database-password"] ?? "",
      "inputs.database-container": inputs["database-container"] ?? "",
      "inputs.security-group": inputs["security-group"] ?? "",
      "inputs.deadline-seconds": inputs["deadline-seconds"] ?? "1800",
      "inputs.poll-seconds": "15",
    },
    stubs: { pulumi: PULUMI_STUB, aws: AWS_ECS, ...CLOCK },
    env: {
      PULUMI_OUTPUTS: JSON.stringify(PROD_OUTPUTS),
      TASK_ARN: env.TASK ?? TASK_ARN,
      RUNNING_POLLS: String(env.RUNNING_POLLS),
      EXIT_CODE: String(env.EXIT_CODE ?? 0),
      LOG_EVENTS: env.LOG_EVENTS ?? '["schema at version 3; applied: 0003_notes_slug_unique"]',
    },
  });
}

const awsCalls = (result: StepResult, action: string) =>
  result.calls.filter((c) => c.command === "aws" && c.args[1] === action);

describe("run-migrations action", () => {
  it("waits for a 15-minute migration by polling, then reports its duration and log", () => {
    const result = migrate({ RUNNING_POLLS: 60 });
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({ "task-arn": TASK_ARN, "duration-seconds": "900" });
    expect(awsCalls(result, "describe-tasks")).toHaveLength(61);
    expect(result.calls.filter((c) => c.command === "aws" && c.args.includes("wait"))).toEqual([]);
    expect(result.summary).toBe(
      "### Migrations of prod: exit code 0 after 900 s\n\n```text\nschema at version 3; applied: 0003_notes_slug_unique\n```\n",
    );
  });

  it("runs the stack's migration task once, on Fargate in its private subnets", () => {
    const [run] = awsCalls(migrate({ RUNNING_POLLS: 0 }), "run-task");
    expect(run?.args).toEqual([
      "ecs",
      "run-task",
      "--cluster",
      PROD_OUTPUTS.clusterName,
      "--task-definition",
      PROD_OUTPUTS.migrationTaskDefinitionArn,
      "--launch-type",
      "FARGATE",
      "--count",
      "1",
      "--started-by",
      "github-run-4242",
      "--network-configuration",
      '{"awsvpcConfiguration":{"subnets":["subnet-a","subnet-b","subnet-c"],"securityGroups":["sg-0tasks"],"assignPublicIp":"DISABLED"}}',
      "--overrides",
      "{}",
      "--query",
      "tasks[0].taskArn",
      "--output",
      "text",
    ]);
  });

  it("points another task definition at another database host, for a rehearsal on a clone", () => {
    const result = migrate(
      { RUNNING_POLLS: 0 },
      { "task-definition": "arn:…:task-definition/rehearsal:1", "writer-host": "clone.rds" },
    );
    const args = awsCalls(result, "run-task")[0]?.args ?? [];
    expect(args[args.indexOf("--task-definition") + 1]).toBe("arn:…:task-definition/rehearsal:1");
    expect(JSON.parse(args[args.indexOf("--overrides") + 1] ?? "")).toEqual({
      containerOverrides: [
        {
          name: "migrate",
          environment: [
            { name: "DB_WRITER_HOST", value: "clone.rds" },
            { name: "DB_READER_HOST", value: "clone.rds" },
          ],
        },
      ],
    });
  });

  it("gives a clone's own password to the named container and runs the task in the clone's group only", () => {
    const result = migrate(
      { RUNNING_POLLS: 0 },
      {
        "task-definition": "arn:…:task-definition/rehearsal-smoke:1",
        "writer-host": "clone.rds",
        "database-password": "0123456789abcdef0123456789abcdef",
        "database-container": "app",
        "security-group": "sg-0clone",
      },
    );
    expect(result.status).toBe(0);
    const args = awsCalls(result, "run-task")[0]?.args ?? [];
    expect(JSON.parse(args[args.indexOf("--network-configuration") + 1] ?? "")).toEqual({
      awsvpcConfiguration: {
        subnets: ["subnet-a", "subnet-b", "subnet-c"],
        securityGroups: ["sg-0clone"],
        assignPublicIp: "DISABLED",
      },
    });
    // The app takes DB_PASSWORD or DB_SECRET_ARN, never both (app/src/config.ts): the stack's
    // secret is emptied.
    expect(JSON.parse(args[args.indexOf("--overrides") + 1] ?? "")).toEqual({
      containerOverrides: [
        {
          name: "app",
          environment: [
            { name: "DB_WRITER_HOST", value: "clone.rds" },
            { name: "DB_READER_HOST", value: "clone.rds" },
            { name: "DB_PASSWORD", value: "0123456789abcdef0123456789abcdef" },
            { name: "DB_SECRET_ARN", value: "" },
          ],
        },
      ],
    });
    expect(result.stdout + result.stderr + result.summary).not.toContain(
      "0123456789abcdef0123456789abcdef",
    );
  });

  it("fails on a refused migration and puts its pre-check report in the summary", () => {
    const report = "refusing 0003_notes_slug_unique: 2 rows violate UNIQUE (slug): 'welcome' x2";
    const result = migrate({
      RUNNING_POLLS: 2,
      EXIT_CODE: 1,
      LOG_EVENTS: JSON.stringify([report]),
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `::error::Migrations of prod: the task ${TASK_ARN} exited with 1 (stopped reason: Essential container in task exited); its log is in the job summary`,
    );
    expect(result.summary).toContain(`exit code 1 after 30 s\n\n\`\`\`text\n${report}\n`);
  });

  it("stops the task and fails when it still runs at the deadline", () => {
    const result = migrate({ RUNNING_POLLS: 1_000 }, { "deadline-seconds": "300" });
    expect(result.status).toBe(1);
    expect(awsCalls(result, "describe-tasks")).toHaveLength(21);
    expect(awsCalls(result, "stop-task")[0]?.args).toEqual([
      "ecs",
      "stop-task",
      "--cluster",
      PROD_OUTPUTS.clusterName,
      "--task",
      TASK_ARN,
      "--reason",
      "deadline of 300 s passed",
    ]);
    expect(result.stdout).toContain(
      `::error::Migrations of prod: the task ${TASK_ARN} was still RUNNING after 300 s and was stopped`,
    );
  });

  it("fails at once when ECS no longer describes the task", () => {
    const result = runStep(findStep(MIGRATIONS, "run"), {
      expressions: {
        "inputs.stack": "prod",
        "inputs.container": "migrate",
        "inputs.title": "",
        "inputs.task-definition": "",
        "inputs.writer-host": "",
        "inputs.database-password": "",
        "inputs.database-container": "",
        "inputs.security-group": "",
        "inputs.deadline-seconds": "1800",
        "inputs.poll-seconds": "15",
      },
      stubs: {
        pulumi: PULUMI_STUB,
        aws: `case "$2" in run-task) echo "${TASK_ARN}" ;; *) printf '{"tasks":[],"failures":[{"reason":"MISSING"}]}' ;; esac`,
        ...CLOCK,
      },
      env: { PULUMI_OUTPUTS: JSON.stringify(PROD_OUTPUTS) },
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `::error::Migrations of prod: ECS no longer describes the task ${TASK_ARN}: [{"reason":"MISSING"}]`,
    );
    expect(awsCalls(result, "describe-tasks")).toHaveLength(1);
  });

  it("fails at once when ECS starts no task", () => {
    const result = migrate({ RUNNING_POLLS: 0, TASK: "None" });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `::error::Migrations of prod: ECS did not start the task ${PROD_OUTPUTS.migrationTaskDefinitionArn}`,
    );
    expect(awsCalls(result, "describe-tasks")).toEqual([]);
  });

  itExecutesEveryRunStep(MIGRATIONS);
});

describe("deploy-image action", () => {
  function deploy(imageRef: string, env: Record<string, string> = {}): StepResult {
    return runStep(findStep(DEPLOY, "up"), {
      expressions: {
        "inputs.stack": "prod",
        "inputs.secrets-provider": "awskms://alias/acme-state-production?region=eu-west-1",
        "inputs.image-ref": imageRef,
        "inputs.message": "release 0123abc",
        "inputs.plan": "",
        "inputs.policy-pack": "",
      },
      stubs: { pulumi: PULUMI_STUB },
      env: { PULUMI_OUTPUTS: JSON.stringify(PROD_OUTPUTS), ...env },
    });
  }

  it("sets the stack's imageRef, runs pulumi up and reads what it serves", () => {
    const result = deploy(image("c"));
    expect(result.status).toBe(0);
    expect(result.calls.slice(0, 3).map((c) => c.args)).toEqual([
      [
        "stack",
        "select",
        "--create",
        "prod",
        "--secrets-provider",
        "awskms://alias/acme-state-production?region=eu-west-1",
        "--non-interactive",
      ],
      ["config", "set", "parity-stack:imageRef", image("c"), "--stack", "prod"],
      ["up", "--yes", "--non-interactive", "--stack", "prod", "--message", "release 0123abc"],
    ]);
    expect(result.outputs).toEqual({
      url: "https://app.parity-stack.io",
      release: PROD_OUTPUTS.releaseId,
      version: "17",
    });
  });

  it("stops when pulumi up fails, as when the migration is refused before the rollout", () => {
    const result = deploy(image("c"), {
      PULUMI_UP_ERROR: `Migration task ${TASK_ARN} failed: container "migrate" exited with 1`,
    });
    expect(result.status).not.toBe(0);
    expect(result.calls.map((c) => c.args[0])).toEqual(["stack", "config", "up"]);
    expect(result.outputs).toEqual({});
  });

  it("refuses an image that is not pinned by digest, changing nothing", () => {
    const result = deploy("parity-stack-app:latest");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      "::error::'parity-stack-app:latest' is not an image pinned by digest (repository@sha256:<64 hex>); prod was not changed",
    );
    expect(result.calls).toEqual([]);
  });

  itExecutesEveryRunStep(DEPLOY);
});
