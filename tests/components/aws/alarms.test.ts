import { Database, DATABASE_ALARMS, type DatabaseArgs } from "../../../components/aws/database";
import {
  defaultMaxConnections,
  instanceMemoryGib,
} from "../../../components/aws/database-connections";
import { ContainerService } from "../../../components/aws/container-service";
import { DEPLOYMENT_ALARMS, SERVICE_ALARMS } from "../../../components/aws/service-alarms";
import { findResource, ofType } from "../../helpers/graph";
import { runComponent } from "../../helpers/mock-run";
import { serviceArgs } from "./container-service-fixtures";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "arn:aws:sns:eu-west-1:123456789012:alerts";

const DATABASE: DatabaseArgs = {
  clusterIdentifier: "shop-staging",
  vpcId: "vpc-0123456789abcdef0",
  subnetIds: ["subnet-0a", "subnet-0b"],
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  engineVersion: "16.11",
  replicas: 1,
  capacity: { mode: "provisioned", instanceClass: "db.r7g.large" },
  logRetentionDays: 30,
  alarmActions: [TOPIC],
  lifecycle: {
    protect: false,
    deletionProtection: false,
    backupRetentionDays: 1,
    finalSnapshot: false,
    guardData: false,
  },
};

describe("the database's alarms", () => {
  it("watches replica lag, the writer's CPU and its connections near the class's max_connections", async () => {
    const { resources } = await runComponent(() => new Database("main", DATABASE).writerEndpoint);
    const alarms = ofType(resources, ALARM);
    expect(alarms.map((a) => [a.name, a.inputs.metricName, a.inputs.threshold])).toEqual([
      ["main-replica-lag", "AuroraReplicaLagMaximum", DATABASE_ALARMS.replicaLagMs],
      ["main-writer-connections", "DatabaseConnections", 1441],
      ["main-writer-cpu", "CPUUtilization", DATABASE_ALARMS.writerCpuPercent],
    ]);
    const cpu = findResource(resources, ALARM, "main-writer-cpu");
    expect(cpu.inputs).toMatchObject({
      namespace: "AWS/RDS",
      dimensions: { DBClusterIdentifier: "shop-staging", Role: "WRITER" },
      period: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      treatMissingData: "notBreaching",
      alarmActions: [TOPIC],
      okActions: [TOPIC],
    });
  });

  it.each([
    ["db.r7g.large", 16, 1802],
    ["db.r7g.4xlarge", 128, 5000],
    ["db.t4g.medium", 4, 450],
    ["db.m7g.xlarge", 16, 1802],
  ])(
    "knows that %s has %i GiB and %i connections by default",
    (instanceClass, gib, connections) => {
      expect(instanceMemoryGib(instanceClass)).toBe(gib);
      expect(defaultMaxConnections({ mode: "provisioned", instanceClass })).toBe(connections);
    },
  );

  it("refuses a class whose memory, and so whose connection limit, it does not know", async () => {
    await expect(
      runComponent(
        () =>
          new Database("main", {
            ...DATABASE,
            capacity: { mode: "provisioned", instanceClass: "db.z1d.large" },
          }).writerEndpoint,
      ),
    ).rejects.toThrow(
      'Database "main": the memory of instance class "db.z1d.large" is not known, so its connection alarm has no threshold. Use an r, m, x or t family class, or add the family to components/aws/database-connections.ts.',
    );
  });
});

describe("the service's alarms", () => {
  it("alarms on the 5xx rate, p99 latency and unhealthy tasks, and rolls a deployment back on the first two", async () => {
    const { resources } = await runComponent(
      () => new ContainerService("app", serviceArgs({ alarmActions: [TOPIC] })).serviceName,
    );
    const alarms = ofType(resources, ALARM);
    expect(alarms.map((a) => a.name)).toEqual([
      "app-error-rate",
      "app-latency-p99",
      "app-unhealthy-tasks",
    ]);
    const lb = findResource(resources, "aws:lb/loadBalancer:LoadBalancer", "app-lb-alb");
    const errors = findResource(resources, ALARM, "app-error-rate");
    expect(errors.inputs.threshold).toBe(SERVICE_ALARMS.errorRatePercent);
    const queries = errors.inputs.metricQueries as {
      id: string;
      expression?: string;
      metric?: { dimensions: Record<string, string> };
    }[];
    expect(queries.map((q) => q.id)).toEqual(["tasks", "balancer", "requests", "rate"]);
    expect(queries[1]?.metric?.dimensions).toEqual({ LoadBalancer: lb.outputs.arnSuffix });
    expect(findResource(resources, ALARM, "app-latency-p99").inputs).toMatchObject({
      extendedStatistic: "p99",
      threshold: SERVICE_ALARMS.p99LatencySeconds,
    });
    const service = findResource(resources, "aws:ecs/service:Service", "app-service");
    expect(service.inputs.alarms).toEqual({
      alarmNames: DEPLOYMENT_ALARMS.map(
        (alarm) => findResource(resources, ALARM, `app-${alarm}`).outputs.name,
      ),
      enable: true,
      rollback: true,
    });
  });
});
