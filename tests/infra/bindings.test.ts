import { mergeBindings, type Binding } from "../../components/aws/binding";
import { SERVICE_VARIABLES } from "../../components/aws/container-definition";
import { evaluateStack } from "../../parity/offline/evaluate";
import { findResource } from "../helpers/graph";
import { TempProject } from "../helpers/temp-project";

const PROGRAM = "infra/program.ts";

/** A queue the app sends jobs to, handed to the service as a binding: what a team would write. */
const QUEUE = `
  const jobsQueue = new Queue("jobs", {}, { provider: providers.aws });
  const jobs: Binding = {
    environment: { JOBS_QUEUE_URL: jobsQueue.url },
    secrets: {},
    taskStatements: [
      { Sid: "SendJobs", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: jobsQueue.arn },
    ],
    executionStatements: [],
    reach: [],
    readiness: [],
  };
`;

describe("a component the app uses, added through bindings", () => {
  it("reaches the task definition and the task role without touching the container service", async () => {
    const project = new TempProject()
      .edit(
        PROGRAM,
        'import { ContainerService } from "../components/aws/container-service";',
        'import { Queue } from "@pulumi/aws/sqs";\nimport type { Binding } from "../components/aws/binding";\nimport { ContainerService } from "../components/aws/container-service";',
      )
      .edit(
        PROGRAM,
        "  const app = new ContainerService(",
        `${QUEUE}\n  const app = new ContainerService(`,
      )
      .edit(PROGRAM, "bindings: [database.binding],", "bindings: [database.binding, jobs],");
    try {
      const staging = await evaluateStack({ projectDir: project.dir, stack: "staging" });
      const queue = findResource(staging.resources, "aws:sqs/queue:Queue", "jobs");
      const task = findResource(
        staging.resources,
        "aws:ecs/taskDefinition:TaskDefinition",
        "app-app",
      );
      const [container] = JSON.parse(String(task.inputs.containerDefinitions)) as {
        environment: { name: string; value: string }[];
      }[];
      expect(container?.environment).toContainEqual({
        name: "JOBS_QUEUE_URL",
        value: queue.outputs.url,
      });
      const policy = JSON.parse(
        String(
          findResource(staging.resources, "aws:iam/rolePolicy:RolePolicy", "app-task").inputs
            .policy,
        ),
      ) as { Statement: { Sid: string; Action: string[]; Resource: unknown }[] };
      expect(policy.Statement.map((s) => s.Sid)).toEqual([
        "ReadDatabaseSecret",
        "SendJobs",
        "PublishAndReadAssets",
      ]);
      expect(policy.Statement[1]).toMatchObject({
        Action: ["sqs:SendMessage"],
        Resource: queue.outputs.arn,
      });
    } finally {
      project.cleanup();
    }
  }, 60_000);
});

describe("mergeBindings", () => {
  const binding = (environment: Record<string, string>): Binding => ({
    environment,
    secrets: {},
    taskStatements: [],
    executionStatements: [],
    reach: [],
    readiness: [],
  });

  it("refuses a binding that sets a variable of the service's own", () => {
    expect(() =>
      mergeBindings('ContainerService "app"', [binding({ PORT: "80" })], SERVICE_VARIABLES),
    ).toThrow(
      'ContainerService "app": two of its bindings, or a binding and the service itself, set the variable PORT. Allowed: each variable from one place. Fix: rename it in one of the components.',
    );
  });

  it("refuses two bindings that set the same variable, and keeps variables in name order", () => {
    expect(() =>
      mergeBindings("s", [binding({ QUEUE_URL: "a" }), binding({ QUEUE_URL: "b" })], []),
    ).toThrow("set the variable QUEUE_URL");
    expect(
      mergeBindings("s", [binding({ ZED: "z" }), binding({ ALPHA: "a" })], []).environment.map(
        (e) => e.name,
      ),
    ).toEqual(["ALPHA", "ZED"]);
  });
});
