import * as pulumi from "@pulumi/pulumi";
import { runMigrationTask, type MigrationResult } from "./migration-client";

/** Type token of the migration run: `pulumi-nodejs:dynamic/parity:MigrationRun`. */
export const MIGRATION_RUN_MODULE = "parity";
export const MIGRATION_RUN_TYPE = "MigrationRun";

export interface MigrationRunArgs {
  /** Region of the cluster: the AWS provider's. */
  region: pulumi.Input<string>;
  /**
   * The AWS provider's named profile (`aws:profile`), so the run calls ECS with the provider's
   * credentials. Not a secret: a profile is a name, its keys stay in the shared config.
   * @default undefined: the default credential chain, as the provider without a profile
   */
  profile?: pulumi.Input<string>;
  /** Cluster name or ARN. */
  cluster: pulumi.Input<string>;
  /**
   * The migration task definition with its revision. A new revision (a new image, command or
   * environment) runs the migration again.
   */
  taskDefinitionArn: pulumi.Input<string>;
  /** Container whose exit code decides the outcome. */
  containerName: pulumi.Input<string>;
  /** Private subnets the task runs in; it gets no public IP. */
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Security groups of the task: they must reach the database. */
  securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Seconds the migration may take before it is stopped and the deployment fails. */
  deadlineSeconds: pulumi.Input<number>;
}

/** The inputs as the provider receives them: resolved. */
interface RunInputs {
  readonly region: string;
  readonly profile?: string;
  readonly cluster: string;
  readonly taskDefinitionArn: string;
  readonly containerName: string;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly deadlineSeconds: number;
}

/** What the state keeps: the inputs and the run that succeeded. */
type RunOutputs = RunInputs & MigrationResult;

async function migrate(inputs: RunInputs): Promise<RunOutputs> {
  const result = await runMigrationTask(
    {
      cluster: inputs.cluster,
      taskDefinitionArn: inputs.taskDefinitionArn,
      containerName: inputs.containerName,
      subnetIds: inputs.subnetIds,
      securityGroupIds: inputs.securityGroupIds,
      startedBy: "pulumi-migration-run",
    },
    {
      region: inputs.region,
      ...(inputs.profile === undefined ? {} : { profile: inputs.profile }),
      deadlineSeconds: inputs.deadlineSeconds,
      fail: (message) => new Error(message),
    },
  );
  return { ...inputs, ...result };
}

/** The properties whose change means the migration runs again. */
export function changedMigrationProperties(olds: RunInputs, news: RunInputs): string[] {
  return (["cluster", "taskDefinitionArn", "containerName"] as const).filter(
    (key) => olds[key] !== news[key],
  );
}

/**
 * Serialized into the state and run in the dynamic-provider host: it captures only the migration
 * client and fails with plain `Error`s.
 */
const migrationRunProvider: pulumi.dynamic.ResourceProvider<RunInputs, RunOutputs> = {
  async create(inputs) {
    const outs = await migrate(inputs);
    return { id: outs.taskArn, outs };
  },
  diff(_id, olds, news) {
    return Promise.resolve({
      changes: changedMigrationProperties(olds, news).length > 0,
      replaces: [],
      deleteBeforeReplace: false,
    });
  },
  async update(_id, _olds, news) {
    return { outs: await migrate(news) };
  },
};

/**
 * Runs the migration task definition once on Fargate when created and whenever its revision
 * changes, waits for the task to stop and fails the deployment unless the migration container
 * exited 0 (with the task's `stoppedReason` in the error). Make the service depend on it: a
 * refused migration then stops the update before the new image takes traffic. Deleting it runs
 * nothing.
 */
export class MigrationRun extends pulumi.dynamic.Resource {
  declare readonly taskDefinitionArn: pulumi.Output<string>;
  /** The task that ran the migration. */
  declare readonly taskArn: pulumi.Output<string>;
  declare readonly exitCode: pulumi.Output<number>;
  declare readonly durationSeconds: pulumi.Output<number>;

  constructor(name: string, args: MigrationRunArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      migrationRunProvider,
      name,
      {
        ...args,
        taskArn: undefined,
        exitCode: undefined,
        startedAt: undefined,
        stoppedAt: undefined,
        durationSeconds: undefined,
      },
      opts,
      MIGRATION_RUN_MODULE,
      MIGRATION_RUN_TYPE,
    );
  }
}
