import type { MockResourceContext, MockResourceType } from "./types";

type Context = Omit<MockResourceContext, "id">;

/** The physical name Pulumi's auto-naming gives a resource: its logical name plus 7 hex digits. */
function physicalName(ctx: Context): string {
  const given = ctx.inputs.name;
  return typeof given === "string" ? given : `${ctx.name}-${ctx.hex(7)}`;
}

function uuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Route 53 zone ids of Application Load Balancers per region (AWS general reference). */
const ALB_ZONE_IDS: Readonly<Record<string, string>> = {
  "us-east-1": "Z35SXDOTRQ7X7K",
  "us-west-2": "Z1H1FL5HABSF5",
  "eu-west-1": "Z32O12XQLNTSW2",
  "eu-central-1": "Z215JYRZR1TBD5",
};

function ecsArn(resource: string) {
  return (ctx: Context) => ctx.arn("ecs", `${resource}/${physicalName(ctx)}`);
}

function elbArn(ctx: Context, kind: string): string {
  return ctx.arn("elasticloadbalancing", `${kind}/${physicalName(ctx)}/${ctx.hex(16)}`);
}

/**
 * What the container service registers: the image repository and build, the ECS cluster, task
 * definitions and service, IAM roles, logs, the load balancer with its certificate and autoscaling.
 */
export const ECS_RESOURCES: Record<string, MockResourceType> = {
  "aws:ecr/repository:Repository": {
    id: physicalName,
    state: (ctx) => ({
      name: ctx.id,
      arn: ctx.arn("ecr", `repository/${ctx.id}`),
      registryId: ctx.accountId,
      repositoryUrl: `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com/${ctx.id}`,
    }),
  },
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": {
    id: (ctx) => text(ctx.inputs.repository),
    state: (ctx) => ({ registryId: ctx.accountId }),
  },
  "aws:ecr/repositoryPolicy:RepositoryPolicy": {
    id: (ctx) => text(ctx.inputs.repository),
    state: (ctx) => ({ registryId: ctx.accountId }),
  },
  "docker:index/image:Image": {
    id: (ctx) => `sha256:${ctx.hex(64)}`,
    state: (ctx) => {
      const imageName = text(ctx.inputs.imageName);
      const slash = imageName.lastIndexOf("/");
      const colon = imageName.lastIndexOf(":");
      const repository = colon > slash ? imageName.slice(0, colon) : imageName;
      return {
        baseImageName: imageName,
        registryServer: imageName.slice(0, Math.max(slash, 0)),
        dockerfile: "Dockerfile",
        repoDigest: `${repository}@sha256:${ctx.hex(64)}`,
      };
    },
  },
  "aws:ecs/cluster:Cluster": {
    id: ecsArn("cluster"),
    state: (ctx) => ({ name: physicalName(ctx), arn: ctx.id }),
  },
  "aws:ecs/taskDefinition:TaskDefinition": {
    id: (ctx) => text(ctx.inputs.family),
    state: (ctx) => {
      const withoutRevision = ctx.arn("ecs", `task-definition/${ctx.id}`);
      return { arn: `${withoutRevision}:1`, arnWithoutRevision: withoutRevision, revision: 1 };
    },
  },
  "aws:ecs/service:Service": {
    id: (ctx) => {
      const cluster = text(ctx.inputs.cluster).split("/").pop() ?? "";
      return ctx.arn("ecs", `service/${cluster}/${physicalName(ctx)}`);
    },
    state: (ctx) => ({ name: physicalName(ctx) }),
  },
  "aws:iam/role:Role": {
    id: physicalName,
    state: (ctx) => ({
      name: ctx.id,
      arn: `arn:aws:iam::${ctx.accountId}:role/${ctx.id}`,
      uniqueId: `AROA${ctx.hex(17).toUpperCase()}`,
      createDate: "2026-01-01T00:00:00Z",
    }),
  },
  "aws:iam/rolePolicy:RolePolicy": {
    id: (ctx) => `${text(ctx.inputs.role)}:${physicalName(ctx)}`,
    state: (ctx) => ({ name: physicalName(ctx) }),
  },
  "aws:cloudwatch/logGroup:LogGroup": {
    id: physicalName,
    state: (ctx) => ({ name: ctx.id, arn: ctx.arn("logs", `log-group:${ctx.id}`) }),
  },
  // The asset bucket: its name (`bucket`) and ARN reach the task definition and the task role.
  "aws:s3/bucket:Bucket": {
    id: physicalName,
    state: (ctx) => ({
      bucket: ctx.id,
      arn: `arn:aws:s3:::${ctx.id}`,
      bucketRegionalDomainName: `${ctx.id}.s3.${ctx.region}.amazonaws.com`,
      region: ctx.region,
    }),
  },
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
    id: (ctx) => String(ctx.inputs.bucket),
  },
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": {
    id: (ctx) => String(ctx.inputs.bucket),
  },
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
    id: (ctx) => String(ctx.inputs.bucket),
  },
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
    id: (ctx) => String(ctx.inputs.bucket),
  },
  // Alarms of the container service and the database; the service's deployment names them.
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    id: physicalName,
    state: (ctx) => ({ name: ctx.id, arn: ctx.arn("cloudwatch", `alarm:${ctx.id}`) }),
  },
  "aws:lb/loadBalancer:LoadBalancer": {
    id: (ctx) => elbArn(ctx, "loadbalancer/app"),
    state: (ctx) => {
      const name = physicalName(ctx);
      const digits = String(parseInt(ctx.hex(8), 16)).padStart(10, "0");
      return {
        name,
        arn: ctx.id,
        arnSuffix: ctx.id.slice(ctx.id.indexOf("loadbalancer/") + "loadbalancer/".length),
        dnsName: `${name}-${digits}.${ctx.region}.elb.amazonaws.com`,
        zoneId: ALB_ZONE_IDS[ctx.region] ?? "Z35SXDOTRQ7X7K",
      };
    },
  },
  "aws:lb/listener:Listener": {
    id: (ctx) =>
      `${text(ctx.inputs.loadBalancerArn).replace(":loadbalancer/", ":listener/")}/${ctx.hex(16)}`,
    state: (ctx) => ({ arn: ctx.id }),
  },
  "aws:lb/targetGroup:TargetGroup": {
    id: (ctx) => elbArn(ctx, "targetgroup"),
    state: (ctx) => ({
      name: physicalName(ctx),
      arn: ctx.id,
      arnSuffix: ctx.id.slice(ctx.id.indexOf("targetgroup/")),
    }),
  },
  "aws:acm/certificate:Certificate": {
    id: (ctx) => ctx.arn("acm", `certificate/${uuid(ctx.hex(32))}`),
    state: (ctx) => ({ arn: ctx.id, status: "ISSUED", type: "IMPORTED" }),
  },
  "aws:appautoscaling/target:Target": {
    id: (ctx) => text(ctx.inputs.resourceId),
    state: (ctx) => ({
      arn: ctx.arn("application-autoscaling", `scalable-target/0e${ctx.hex(30)}`),
    }),
  },
  // The migration run (a dynamic-provider resource): the task that ran, which exited 0.
  "pulumi-nodejs:dynamic/parity:MigrationRun": {
    id: (ctx) => ctx.arn("ecs", `task/${ctx.hex(32)}`),
    state: (ctx) => ({
      taskArn: ctx.id,
      exitCode: 0,
      startedAt: "2026-01-15T09:20:00.000Z",
      stoppedAt: "2026-01-15T09:21:30.000Z",
      durationSeconds: 90,
    }),
  },
  "aws:appautoscaling/policy:Policy": {
    id: physicalName,
    state: (ctx) => ({
      name: ctx.id,
      arn: ctx.arn(
        "autoscaling",
        `scalingPolicy:${uuid(ctx.hex(32))}:resource/ecs/${text(ctx.inputs.resourceId)}:policyName/${ctx.id}`,
      ),
      alarmArns: [],
    }),
  },
};
