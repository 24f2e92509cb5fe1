import { UserError } from "../../components/errors";
import type { RecordedResource } from "../offline/recorder";
import { HOURS_PER_MONTH, PRICES_FILE, type RegionPrices } from "./prices";

/** One priced item of a stack: how many of what, at what price, per hour. */
export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  /** What is counted ("vCPU", "instance"); the price is per one of them per hour. */
  readonly unit: string;
  readonly unitPrice: number;
  readonly hourly: number;
}

/** What one stack costs, line by line, per hour and per month (USD). */
export interface StackCost {
  readonly lines: readonly CostLine[];
  readonly hourly: number;
  readonly monthly: number;
}

type Inputs = Record<string, unknown>;

const SERVERLESS = "db.serverless";

/**
 * The resource types {@link stackCost} reads: every other type a stack registers must be declared
 * free in the price table (see unpriced.ts).
 */
export const PRICED_TYPES = {
  auroraCluster: "aws:rds/cluster:Cluster",
  auroraInstance: "aws:rds/clusterInstance:ClusterInstance",
  taskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
  service: "aws:ecs/service:Service",
  natGateway: "aws:ec2/natGateway:NatGateway",
  loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
  elasticIp: "aws:ec2/eip:Eip",
} as const;

function ofType(resources: readonly RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((resource) => resource.type === type);
}

function line(item: string, quantity: number, unit: string, unitPrice: number): CostLine {
  return { item, quantity, unit, unitPrice, hourly: quantity * unitPrice };
}

function auroraLines(resources: readonly RecordedResource[], prices: RegionPrices): CostLine[] {
  const clusters = new Map(
    ofType(resources, PRICED_TYPES.auroraCluster).map((cluster) => [
      cluster.inputs.clusterIdentifier,
      cluster.inputs,
    ]),
  );
  const byClass = new Map<string, number>();
  let acus = 0;
  let serverless = 0;
  for (const instance of ofType(resources, PRICED_TYPES.auroraInstance)) {
    const instanceClass = String(instance.inputs.instanceClass);
    if (instanceClass === SERVERLESS) {
      const scaling = clusters.get(instance.inputs.clusterIdentifier)
        ?.serverlessv2ScalingConfiguration as Inputs | undefined;
      acus += Number(scaling?.minCapacity ?? 0);
      serverless += 1;
    } else {
      byClass.set(instanceClass, (byClass.get(instanceClass) ?? 0) + 1);
    }
  }
  const lines = [...byClass.entries()].map(([instanceClass, count]) => {
    const unitPrice = prices.auroraInstanceHour[instanceClass];
    if (unitPrice === undefined) {
      throw new UserError(
        `${PRICES_FILE} has no price for Aurora instance class ${instanceClass}. Add it under "auroraInstanceHour" from the page its "sources" name.`,
      );
    }
    return line(`Aurora ${instanceClass} instances`, count, "instance", unitPrice);
  });
  if (acus > 0) {
    lines.push(
      line(
        `Aurora Serverless v2 instances (${serverless}) at minimum capacity`,
        acus,
        "ACU",
        prices.auroraServerlessAcuHour,
      ),
    );
  }
  return lines;
}

/** Running Fargate tasks: each service's desired count × its task definition's CPU and memory. */
function fargateLines(resources: readonly RecordedResource[], prices: RegionPrices): CostLine[] {
  const tasks = new Map(
    ofType(resources, PRICED_TYPES.taskDefinition).map((task) => [task.outputs.arn, task]),
  );
  let vcpus = 0;
  let gigabytes = 0;
  for (const service of ofType(resources, PRICED_TYPES.service)) {
    const task = tasks.get(service.inputs.taskDefinition);
    if (task === undefined) {
      throw new UserError(
        `ECS service ${service.name}: its task definition is not among the stack's resources, so its cost is unknown.`,
      );
    }
    const platform = task.inputs.runtimePlatform as Inputs | undefined;
    const architecture =
      typeof platform?.cpuArchitecture === "string" ? platform.cpuArchitecture : "X86_64";
    if (architecture !== "X86_64") {
      throw new UserError(
        `ECS task definition ${task.name} runs on ${architecture}; ${PRICES_FILE} prices Linux/x86 Fargate only. Add ${architecture} prices to it first.`,
      );
    }
    const count = Number(service.inputs.desiredCount ?? 1);
    vcpus += (count * Number(task.inputs.cpu)) / 1024;
    gigabytes += (count * Number(task.inputs.memory)) / 1024;
  }
  return vcpus === 0
    ? []
    : [
        line("Fargate task vCPU", vcpus, "vCPU", prices.fargateVcpuHour),
        line("Fargate task memory", gigabytes, "GB", prices.fargateGbHour),
      ];
}

/**
 * Public IPv4 addresses AWS bills by the hour: every Elastic IP (a NAT gateway's included) and
 * one per zone of each internet-facing load balancer.
 */
function publicIpv4(resources: readonly RecordedResource[]): number {
  const loadBalancerAddresses = ofType(resources, PRICED_TYPES.loadBalancer)
    .filter((lb) => lb.inputs.internal !== true)
    .reduce(
      (sum, lb) => sum + (Array.isArray(lb.inputs.subnets) ? lb.inputs.subnets.length : 0),
      0,
    );
  return ofType(resources, PRICED_TYPES.elasticIp).length + loadBalancerAddresses;
}

/**
 * The hourly and monthly cost of one stack's resources at `prices`: Aurora instances (Serverless
 * v2 at its minimum capacity), Fargate tasks at their desired count, NAT gateways, Application Load
 * Balancers and public IPv4 addresses. What the table excludes (data transfer, storage, LCUs …) is
 * not in it.
 */
export function stackCost(resources: readonly RecordedResource[], prices: RegionPrices): StackCost {
  const applicationLoadBalancers = ofType(resources, PRICED_TYPES.loadBalancer).filter(
    (lb) => (lb.inputs.loadBalancerType ?? "application") === "application",
  ).length;
  const lines = [
    ...auroraLines(resources, prices),
    ...fargateLines(resources, prices),
    line(
      "NAT gateways",
      ofType(resources, PRICED_TYPES.natGateway).length,
      "gateway",
      prices.natGatewayHour,
    ),
    line(
      "Application Load Balancers",
      applicationLoadBalancers,
      "load balancer",
      prices.applicationLoadBalancerHour,
    ),
    line("Public IPv4 addresses", publicIpv4(resources), "address", prices.publicIpv4Hour),
  ].filter((l) => l.quantity > 0);
  const hourly = lines.reduce((sum, l) => sum + l.hourly, 0);
  return { lines, hourly, monthly: hourly * HOURS_PER_MONTH };
}
