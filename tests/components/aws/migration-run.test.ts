import type * as pulumi from "@pulumi/pulumi";
import { changedMigrationProperties, MigrationRun } from "../../../components/aws/migration-run";
import { startEcsStub, type EcsStub } from "../../helpers/ecs-stub";
import { findResource } from "../../helpers/graph";
import { runComponent } from "../../helpers/mock-run";
import { loadSerializedProvider } from "../../helpers/serialized-provider";

const TYPE = "pulumi-nodejs:dynamic/parity:MigrationRun";
const TASK_ARN = "arn:aws:ecs:eu-west-1:123456789012:task/app-cluster/0f1e2d3c";
const INPUTS = {
  region: "eu-west-1",
  cluster: "arn:aws:ecs:eu-west-1:123456789012:cluster/app-cluster",
  taskDefinitionArn: "arn:aws:ecs:eu-west-1:123456789012:task-definition/app-migrate:7",
  containerName: "migrate",
  subnetIds: ["subnet-a", "subnet-b"],
  securityGroupIds: ["sg-tasks"],
  deadlineSeconds: 1800,
};

async function registered() {
  const { resources } = await runComponent(() => new MigrationRun("app-migration", INPUTS));
  return findResource(resources, TYPE, "app-migration");
}

describe("MigrationRun", () => {
  it("registers the task to run, where, and its deadline", async () => {
    const run = await registered();
    expect(run.inputs).toMatchObject(INPUTS);
  });

  describe("its serialized provider", () => {
    let provider: pulumi.dynamic.ResourceProvider;
    let stub: EcsStub;
    const saved = { ...process.env };

    beforeAll(async () => {
      provider = loadSerializedProvider(String((await registered()).inputs.__provider));
      stub = await startEcsStub((action) =>
        action === "RunTask"
          ? { tasks: [{ taskArn: TASK_ARN }] }
          : {
              tasks: [
                {
                  taskArn: TASK_ARN,
                  lastStatus: "STOPPED",
                  stoppedReason: "Essential container in task exited",
                  containers: [{ name: "migrate", exitCode: Number(process.env.EXIT_CODE) }],
                },
              ],
            },
      );
      // The SDK's own settings, as the provider host would have them in CI.
      process.env.AWS_ENDPOINT_URL_ECS = stub.endpoint;
      process.env.AWS_ACCESS_KEY_ID = "AKIDTEST";
      process.env.AWS_SECRET_ACCESS_KEY = "secret";
      process.env.AWS_MAX_ATTEMPTS = "1";
    });

    afterAll(async () => {
      process.env = saved;
      await stub.close();
    });

    it.each<[string, Partial<typeof INPUTS>, boolean]>([
      ["a new task definition revision", { taskDefinitionArn: "…:app-migrate:8" }, true],
      ["another cluster", { cluster: "arn:aws:ecs:eu-west-1:123456789012:cluster/b" }, true],
      ["another deadline only", { deadlineSeconds: 600 }, false],
      ["the same revision", {}, false],
    ])("runs again for %s: %p", async (_case, change, changes) => {
      const diff = await provider.diff?.(TASK_ARN, INPUTS, { ...INPUTS, ...change });
      expect(diff).toEqual({ changes, replaces: [], deleteBeforeReplace: false });
    });

    it("records the task that migrated when it exits 0", async () => {
      process.env.EXIT_CODE = "0";
      const created = await provider.create(INPUTS);
      expect(created.id).toBe(TASK_ARN);
      expect(created.outs).toMatchObject({ ...INPUTS, taskArn: TASK_ARN, exitCode: 0 });
    });

    it("fails the update with the stopped reason when the migration is refused", async () => {
      process.env.EXIT_CODE = "1";
      await expect(provider.update?.(TASK_ARN, INPUTS, INPUTS)).rejects.toThrow(
        `Migration task ${TASK_ARN} failed: container "migrate" exited with 1; stopped reason: Essential container in task exited.`,
      );
    });
  });
});

describe("changedMigrationProperties", () => {
  it("names every property whose change runs the migration again", () => {
    expect(
      changedMigrationProperties(INPUTS, {
        ...INPUTS,
        cluster: "other",
        taskDefinitionArn: "other",
        containerName: "other",
      }),
    ).toEqual(["cluster", "taskDefinitionArn", "containerName"]);
  });
});
