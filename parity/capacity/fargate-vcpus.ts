import { UserError } from "../../components/errors";
import type { RecordedResource } from "../offline/recorder";

/** ECS's deploymentMaximumPercent for a rolling deployment that does not set it. */
const ECS_DEFAULT_MAXIMUM_PERCENT = 200;

/** Task CPU units per vCPU. */
const CPU_UNITS_PER_VCPU = 1024;

/** `service/<cluster>/<service>`, how Application Auto Scaling names an ECS service. */
function scalableResourceId(service: RecordedResource): string | undefined {
  const [, path] = (service.id ?? "").split(":service/");
  return path === undefined ? undefined : `service/${path}`;
}

/**
 * The most Fargate On-Demand vCPUs a stack's services run at once: each service on the FARGATE
 * launch type at its autoscaling maximum (its scalable target's maxCapacity; its desiredCount
 * when nothing scales it), during a rolling deployment, which runs up to deploymentMaximumPercent
 * of that count (rounded down, as ECS does), times its task's vCPUs. A release's migration task
 * runs before the rollout, while at most maxTasks serve, so at 200 % it fits inside this peak.
 */
export function fargateVcpusAtPeak(resources: readonly RecordedResource[]): number {
  const tasks = new Map(
    resources
      .filter((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition")
      .map((task) => [task.outputs.arn, task]),
  );
  const maxCapacity = new Map(
    resources
      .filter(
        (r) => r.type === "aws:appautoscaling/target:Target" && r.inputs.serviceNamespace === "ecs",
      )
      .map((target) => [target.inputs.resourceId, Number(target.inputs.maxCapacity)]),
  );
  let vcpus = 0;
  for (const service of resources) {
    if (service.type !== "aws:ecs/service:Service" || service.inputs.launchType !== "FARGATE") {
      continue;
    }
    const task = tasks.get(service.inputs.taskDefinition);
    if (task === undefined) {
      throw new UserError(
        `ECS service ${service.name}: its task definition is not among the stack's resources, so its Fargate vCPUs are unknown.`,
      );
    }
    const maxTasks =
      maxCapacity.get(scalableResourceId(service)) ?? Number(service.inputs.desiredCount ?? 1);
    const percent = Number(service.inputs.deploymentMaximumPercent ?? ECS_DEFAULT_MAXIMUM_PERCENT);
    const rollout = Math.floor((maxTasks * percent) / 100);
    vcpus += (rollout * Number(task.inputs.cpu)) / CPU_UNITS_PER_VCPU;
  }
  return vcpus;
}
