import {
  DescribeTasksCommand,
  ECSClient,
  RunTaskCommand,
  StopTaskCommand,
  type ECSClientConfig,
  type Task,
} from "@aws-sdk/client-ecs";
import { UserError } from "../errors";

/** How long a migration may run before it is stopped and the deployment fails. */
export const DEFAULT_MIGRATION_DEADLINE_SECONDS = 30 * 60;
/** How often the task's status is read while it runs. */
export const DEFAULT_MIGRATION_POLL_SECONDS = 10;

/** One run of the migration task definition, on Fargate in the service's network. */
export interface MigrationTask {
  /** Cluster name or ARN. */
  readonly cluster: string;
  /** Task definition ARN with its revision: the release's image and command. */
  readonly taskDefinitionArn: string;
  /** Container whose exit code decides the outcome. */
  readonly containerName: string;
  /** Private subnets; the task gets no public IP. */
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** Recorded on the task (`startedBy`, at most 36 characters) to tell who started it. */
  readonly startedBy: string;
}

export interface MigrationClientOptions {
  /** The region the AWS provider deploys to. */
  readonly region: string;
  /**
   * The named profile the AWS provider uses (`aws:profile`), so ECS is called as the identity that
   * deploys the stack, not whatever the default credential chain finds first.
   * @default undefined: the SDK's default credential chain, as the provider without a profile
   */
  readonly profile?: string;
  /**
   * Seconds the task may take from RunTask to STOPPED. Past it the task is stopped and the
   * migration fails.
   * @default DEFAULT_MIGRATION_DEADLINE_SECONDS
   */
  readonly deadlineSeconds?: number;
  /** @default DEFAULT_MIGRATION_POLL_SECONDS */
  readonly pollSeconds?: number;
  /** Settings merged into the ECS client's (an `endpoint`, `credentials`); none in real use. */
  readonly ecs?: Partial<ECSClientConfig>;
  /** How to wait between polls; tests pass one that does not. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The clock, in milliseconds. @default Date.now */
  readonly now?: () => number;
  /**
   * Builds the error for a failed migration. The dynamic provider runs serialized, where
   * subclasses of `Error` lose their message, so it passes one returning a plain `Error`.
   * @default a {@link UserError}
   */
  readonly fail?: (message: string) => Error;
}

/** A migration that exited 0. */
export interface MigrationResult {
  readonly taskArn: string;
  readonly exitCode: number;
  readonly startedAt: string;
  readonly stoppedAt: string;
  readonly durationSeconds: number;
}

/** Why a stopped task did not succeed, from everything ECS says about it. */
export function describeStoppedTask(task: Task, containerName: string): string {
  const container = task.containers?.find((c) => c.name === containerName);
  const parts = [
    container?.exitCode === undefined
      ? `container "${containerName}" has no exit code (it never ran to the end)`
      : `container "${containerName}" exited with ${container.exitCode}`,
  ];
  if (container?.reason !== undefined) parts.push(`container reason: ${container.reason}`);
  if (task.stopCode !== undefined) parts.push(`stop code: ${task.stopCode}`);
  if (task.stoppedReason !== undefined) parts.push(`stopped reason: ${task.stoppedReason}`);
  return parts.join("; ");
}

/**
 * Runs the migration task once (RunTask) and polls DescribeTasks until it has STOPPED; succeeds
 * only when the migration container exited 0. A task ECS refuses to start, a non-zero exit and a
 * task still running at the deadline (which is then stopped) fail with ECS's reasons.
 */
export async function runMigrationTask(
  task: MigrationTask,
  options: MigrationClientOptions,
): Promise<MigrationResult> {
  const deadlineMs = (options.deadlineSeconds ?? DEFAULT_MIGRATION_DEADLINE_SECONDS) * 1000;
  const pollMs = (options.pollSeconds ?? DEFAULT_MIGRATION_POLL_SECONDS) * 1000;
  const now = options.now ?? Date.now;
  const sleep =
    options.sleep ??
    ((ms: number) =>
      new Promise<void>((resolve) => {
        setTimeout(resolve, ms);
      }));
  const fail = options.fail ?? ((message: string) => new UserError(message));
  const client = new ECSClient({
    region: options.region,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...options.ecs,
  });
  const what = `the migration task ${task.taskDefinitionArn} in cluster ${task.cluster}`;

  const started = now();
  const run = await client.send(
    new RunTaskCommand({
      cluster: task.cluster,
      taskDefinition: task.taskDefinitionArn,
      launchType: "FARGATE",
      count: 1,
      startedBy: task.startedBy.slice(0, 36),
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: [...task.subnetIds],
          securityGroups: [...task.securityGroupIds],
          assignPublicIp: "DISABLED",
        },
      },
    }),
  );
  const taskArn = run.tasks?.[0]?.taskArn;
  if (taskArn === undefined) {
    const reasons = (run.failures ?? []).map((f) => `${f.arn ?? "?"}: ${f.reason ?? "?"}`);
    throw fail(
      `ECS did not start ${what}: ${reasons.length === 0 ? "no task and no failure in the answer" : reasons.join("; ")}. The service was not updated.`,
    );
  }

  for (;;) {
    const described = await client.send(
      new DescribeTasksCommand({ cluster: task.cluster, tasks: [taskArn] }),
    );
    const current = described.tasks?.[0];
    if (current === undefined) {
      const reasons = (described.failures ?? []).map((f) => f.reason ?? "?").join("; ");
      throw fail(
        `ECS no longer describes migration task ${taskArn} (${reasons === "" ? "no failure given" : reasons}). The service was not updated.`,
      );
    }
    if (current.lastStatus === "STOPPED") {
      const exitCode = current.containers?.find((c) => c.name === task.containerName)?.exitCode;
      if (exitCode !== 0) {
        throw fail(
          `Migration task ${taskArn} failed: ${describeStoppedTask(current, task.containerName)}. The service was not updated; the previous release keeps serving. Read the task's log stream in CloudWatch Logs.`,
        );
      }
      const stopped = now();
      return {
        taskArn,
        exitCode,
        startedAt: new Date(started).toISOString(),
        stoppedAt: new Date(stopped).toISOString(),
        durationSeconds: Math.round((stopped - started) / 1000),
      };
    }
    if (now() - started >= deadlineMs) {
      await client.send(
        new StopTaskCommand({
          cluster: task.cluster,
          task: taskArn,
          reason: `migration deadline of ${deadlineMs / 1000} s passed`,
        }),
      );
      throw fail(
        `Migration task ${taskArn} was still ${current.lastStatus ?? "unknown"} after ${deadlineMs / 1000} s and was stopped. The service was not updated. Raise migrationDeadlineSeconds if the migration needs longer.`,
      );
    }
    await sleep(pollMs);
  }
}
