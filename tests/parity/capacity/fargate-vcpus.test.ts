import { fargateVcpusAtPeak } from "../../../parity/capacity/fargate-vcpus";
import { resource } from "../../helpers/recorded-resource";

const SERVICE_ARN = "arn:aws:ecs:eu-west-1:123456789012:service/app-cluster/app-service";

function stack(
  service: Record<string, unknown>,
  options: { maxCapacity?: number; cpu?: string } = {},
) {
  return [
    resource(
      "aws:ecs/taskDefinition:TaskDefinition",
      "app",
      { cpu: options.cpu ?? "1024", memory: "2048" },
      { outputs: { arn: "arn:task:app:1" } },
    ),
    resource(
      "aws:ecs/service:Service",
      "app-service",
      { taskDefinition: "arn:task:app:1", launchType: "FARGATE", desiredCount: 3, ...service },
      { id: SERVICE_ARN },
    ),
    ...(options.maxCapacity === undefined
      ? []
      : [
          resource("aws:appautoscaling/target:Target", "app-scaling", {
            serviceNamespace: "ecs",
            resourceId: "service/app-cluster/app-service",
            maxCapacity: options.maxCapacity,
          }),
        ]),
  ];
}

describe("fargateVcpusAtPeak", () => {
  it("counts maxTasks × task vCPU, doubled for a rollout at deploymentMaximumPercent 200", () => {
    expect(fargateVcpusAtPeak(stack({ deploymentMaximumPercent: 200 }, { maxCapacity: 12 }))).toBe(
      24,
    );
  });

  it("takes ECS's 200 % when the service does not set deploymentMaximumPercent", () => {
    expect(fargateVcpusAtPeak(stack({}, { maxCapacity: 2, cpu: "256" }))).toBe(1);
  });

  it("rounds a rollout's task count down, as ECS does", () => {
    expect(fargateVcpusAtPeak(stack({ deploymentMaximumPercent: 150 }, { maxCapacity: 3 }))).toBe(
      4,
    );
  });

  it("takes the desired count of a service nothing scales", () => {
    expect(fargateVcpusAtPeak(stack({ deploymentMaximumPercent: 100 }))).toBe(3);
  });

  it("leaves out services that do not run on Fargate", () => {
    expect(fargateVcpusAtPeak(stack({ launchType: "EC2" }, { maxCapacity: 12 }))).toBe(0);
  });

  it("refuses a service whose task definition is not among the resources", () => {
    expect(() =>
      fargateVcpusAtPeak(stack({ taskDefinition: "arn:task:other:1" }, { maxCapacity: 2 })),
    ).toThrow(
      "ECS service app-service: its task definition is not among the stack's resources, so its Fargate vCPUs are unknown.",
    );
  });
});
