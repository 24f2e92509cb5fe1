import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  runMigrationTask,
  type MigrationClientOptions,
  type MigrationTask,
} from "../../../components/aws/migration-client";
import { UserError } from "../../../components/errors";
import { startEcsStub, type EcsReply, type EcsStub } from "../../helpers/ecs-stub";

const CLUSTER = "arn:aws:ecs:eu-west-1:123456789012:cluster/app-cluster-1a2b3c4";
const TASK_DEFINITION = "arn:aws:ecs:eu-west-1:123456789012:task-definition/app-migrate:7";
const TASK_ARN = "arn:aws:ecs:eu-west-1:123456789012:task/app-cluster-1a2b3c4/0f1e2d3c4b5a6978";
const TASK: MigrationTask = {
  cluster: CLUSTER,
  taskDefinitionArn: TASK_DEFINITION,
  containerName: "migrate",
  subnetIds: ["subnet-a", "subnet-b"],
  securityGroupIds: ["sg-tasks"],
  startedBy: "pulumi-migration-run",
};

function running(status: string): EcsReply {
  return { tasks: [{ taskArn: TASK_ARN, lastStatus: status, containers: [{ name: "migrate" }] }] };
}

function stopped(exitCode: number | undefined, extra: Record<string, unknown> = {}): EcsReply {
  return {
    tasks: [
      {
        taskArn: TASK_ARN,
        lastStatus: "STOPPED",
        containers: [{ name: "migrate", ...(exitCode === undefined ? {} : { exitCode }) }],
        ...extra,
      },
    ],
  };
}

/** Answers RunTask with the task, then DescribeTasks with `statuses` in turn (the last repeats). */
function ecs(statuses: readonly EcsReply[]) {
  return (action: string, call: number): EcsReply => {
    if (action === "RunTask") return { tasks: [{ taskArn: TASK_ARN }], failures: [] };
    if (action === "StopTask") return { task: { taskArn: TASK_ARN } };
    return statuses[Math.min(call, statuses.length - 1)] ?? {};
  };
}

let stub: EcsStub;
let clock: number;
let sleeps: number[];

function options(extra: Partial<MigrationClientOptions> = {}): MigrationClientOptions {
  return {
    region: "eu-west-1",
    pollSeconds: 10,
    ecs: {
      endpoint: stub.endpoint,
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
      maxAttempts: 1,
    },
    now: () => clock,
    sleep: (ms) => {
      sleeps.push(ms);
      clock += ms;
      return Promise.resolve();
    },
    ...extra,
  };
}

async function withStub(statuses: readonly EcsReply[]): Promise<void> {
  stub = await startEcsStub(ecs(statuses));
}

beforeEach(() => {
  clock = Date.parse("2026-01-15T09:00:00Z");
  sleeps = [];
});

afterEach(async () => {
  await stub.close();
});

describe("runMigrationTask", () => {
  it("runs the task once on Fargate in the private network and waits until it stops with 0", async () => {
    await withStub([running("PROVISIONING"), running("RUNNING"), stopped(0)]);
    const result = await runMigrationTask(TASK, options());
    expect(result).toEqual({
      taskArn: TASK_ARN,
      exitCode: 0,
      startedAt: "2026-01-15T09:00:00.000Z",
      stoppedAt: "2026-01-15T09:00:20.000Z",
      durationSeconds: 20,
    });
    expect(stub.calls.map((c) => c.action)).toEqual([
      "RunTask",
      "DescribeTasks",
      "DescribeTasks",
      "DescribeTasks",
    ]);
    expect(stub.calls[0]?.body).toEqual({
      clientToken: expect.any(String) as string,
      cluster: CLUSTER,
      taskDefinition: TASK_DEFINITION,
      launchType: "FARGATE",
      count: 1,
      startedBy: "pulumi-migration-run",
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ["subnet-a", "subnet-b"],
          securityGroups: ["sg-tasks"],
          assignPublicIp: "DISABLED",
        },
      },
    });
    expect(stub.calls[1]?.body).toEqual({ cluster: CLUSTER, tasks: [TASK_ARN] });
    expect(sleeps).toEqual([10_000, 10_000]);
  });

  it("calls ECS with the credentials of the profile it is given, the AWS provider's", async () => {
    await withStub([stopped(0)]);
    const dir = mkdtempSync(path.join(tmpdir(), "aws-profile-"));
    const credentials = path.join(dir, "credentials");
    writeFileSync(
      credentials,
      "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = x\n[deploy]\naws_access_key_id = AKIDDEPLOY\naws_secret_access_key = y\n",
    );
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_CONFIG_FILE: path.join(dir, "config"),
    });
    for (const key of [
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_PROFILE",
    ]) {
      Reflect.deleteProperty(process.env, key);
    }
    try {
      await runMigrationTask(
        TASK,
        options({ profile: "deploy", ecs: { endpoint: stub.endpoint, maxAttempts: 1 } }),
      );
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
    expect(stub.calls.map((c) => c.accessKeyId)).toEqual(["AKIDDEPLOY", "AKIDDEPLOY"]);
  });

  it("waits for a 15-minute migration, well past the 10 minutes of `aws ecs wait`", async () => {
    await withStub([...Array<EcsReply>(90).fill(running("RUNNING")), stopped(0)]);
    const result = await runMigrationTask(TASK, options());
    expect(result.durationSeconds).toBe(900);
    expect(sleeps).toHaveLength(90);
  });

  it("fails with the exit code and ECS's reasons when the migration is refused", async () => {
    await withStub([
      stopped(1, {
        stopCode: "EssentialContainerExited",
        stoppedReason: "Essential container in task exited",
      }),
    ]);
    await expect(runMigrationTask(TASK, options())).rejects.toThrow(
      new UserError(
        `Migration task ${TASK_ARN} failed: container "migrate" exited with 1; stop code: EssentialContainerExited; stopped reason: Essential container in task exited. The service was not updated; the previous release keeps serving. Read the task's log stream in CloudWatch Logs.`,
      ),
    );
  });

  it("fails with the stopped reason when the container never ran", async () => {
    await withStub([
      stopped(undefined, {
        stopCode: "TaskFailedToStart",
        stoppedReason: "CannotPullContainerError: pull access denied",
      }),
    ]);
    await expect(runMigrationTask(TASK, options())).rejects.toThrow(
      `Migration task ${TASK_ARN} failed: container "migrate" has no exit code (it never ran to the end); stop code: TaskFailedToStart; stopped reason: CannotPullContainerError: pull access denied.`,
    );
  });

  it("stops the task and fails when it is still running at the deadline", async () => {
    await withStub([running("RUNNING")]);
    await expect(runMigrationTask(TASK, options({ deadlineSeconds: 60 }))).rejects.toThrow(
      `Migration task ${TASK_ARN} was still RUNNING after 60 s and was stopped. The service was not updated. Raise migrationDeadlineSeconds if the migration needs longer.`,
    );
    expect(stub.calls.at(-1)).toEqual({
      accessKeyId: "AKIDTEST",
      action: "StopTask",
      body: { cluster: CLUSTER, task: TASK_ARN, reason: "migration deadline of 60 s passed" },
    });
    expect(sleeps).toHaveLength(6);
  });

  it("fails with ECS's failures when no task starts", async () => {
    stub = await startEcsStub(() => ({
      tasks: [],
      failures: [{ arn: CLUSTER, reason: "RESOURCE:MEMORY" }],
    }));
    await expect(runMigrationTask(TASK, options())).rejects.toThrow(
      `ECS did not start the migration task ${TASK_DEFINITION} in cluster ${CLUSTER}: ${CLUSTER}: RESOURCE:MEMORY. The service was not updated.`,
    );
  });

  it("fails when ECS no longer describes the task", async () => {
    await withStub([{ tasks: [], failures: [{ arn: TASK_ARN, reason: "MISSING" }] }]);
    await expect(runMigrationTask(TASK, options())).rejects.toThrow(
      `ECS no longer describes migration task ${TASK_ARN} (MISSING). The service was not updated.`,
    );
  });

  it("passes ECS's own refusal through", async () => {
    stub = await startEcsStub(() => ({
      error: {
        status: 400,
        type: "AccessDeniedException",
        message: "User is not authorized to perform: ecs:RunTask",
      },
    }));
    await expect(runMigrationTask(TASK, options())).rejects.toThrow(
      "User is not authorized to perform: ecs:RunTask",
    );
  });
});
