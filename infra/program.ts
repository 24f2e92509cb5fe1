import { ContainerService } from "../components/aws/container-service";
import { Database, type DatabaseSource } from "../components/aws/database";
import type { DatabaseCapacity } from "../components/aws/database-capacity";
import { Network } from "../components/aws/network";
import { Cdn } from "../components/cloudflare/cdn";
import { OriginCertificate } from "../components/cloudflare/origin-certificate";
import type { StackValues } from "../stacks/keys";
import { pullRequestHostPattern } from "../stacks/pr-stack";
import type { EnvironmentSpec } from "../stacks/spec";
import { createProviders } from "./providers";

/** Where a stack's database comes from: a clone, a snapshot, or empty. */
function databaseSource(values: Readonly<StackValues>): DatabaseSource {
  if (values.dbCloneSourceClusterId !== undefined) {
    return { kind: "clone", sourceClusterIdentifier: values.dbCloneSourceClusterId };
  }
  if (values.dbSnapshotIdentifier !== undefined) {
    return { kind: "snapshot", snapshotIdentifier: values.dbSnapshotIdentifier };
  }
  return { kind: "empty" };
}

/** The engine mode every stack shares, sized by this stack's knobs. */
function databaseCapacity(values: Readonly<StackValues>): DatabaseCapacity {
  if (values.dbMode === "serverless") {
    return {
      mode: "serverless",
      minAcu: values.dbServerlessMinAcu,
      maxAcu: values.dbServerlessMaxAcu,
    };
  }
  // The loader refuses a provisioned stack without an instance class.
  return { mode: "provisioned", instanceClass: values.dbInstanceClass ?? "" };
}

/**
 * Composes one environment from its spec. Every stack runs this same code; what differs between
 * stacks is only the data in `spec`, and only in keys the environment model declares.
 */
export function defineStack(spec: EnvironmentSpec) {
  const providers = createProviders(spec);
  const opts = { providers: [providers.aws, providers.cloudflare] };
  const { values } = spec;
  const production = values.tier === "production";

  const network = new Network("main", { cidrBlock: values.vpcCidr, azCount: values.azCount }, opts);

  const database = new Database(
    "main",
    {
      clusterIdentifier: `${spec.project}-${spec.stack}`,
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      availabilityZones: network.availabilityZones,
      engineVersion: values.dbEngineVersion,
      replicas: values.dbReplicas,
      capacity: databaseCapacity(values),
      logRetentionDays: values.logRetentionDays,
      databaseName: values.dbName,
      port: values.dbPort,
      logMinDurationMs: values.dbLogMinDurationMs,
      iamAuthentication: values.dbIamAuth,
      source: databaseSource(values),
      lifecycle: {
        protect: values.protect,
        deletionProtection: values.deletionProtection,
        backupRetentionDays: values.backupRetentionDays,
        finalSnapshot: values.tier !== "preview",
        guardData: production,
      },
    },
    opts,
  );

  const originCertificate = new OriginCertificate(
    "origin",
    { hostname: values.hostname, zone: values.cloudflareZone },
    opts,
  );

  const app = new ContainerService(
    "app",
    {
      vpcId: network.vpcId,
      publicSubnetIds: network.publicSubnetIds,
      privateSubnetIds: network.privateSubnetIds,
      privateEgress: network.privateEgress,
      awsProfile: values["aws:profile"],
      image: {
        buildContext: values.imageBuildContext,
        imageRef: values.imageRef,
        pullAccountIds: values.imagePullAccountIds?.split(",") ?? [],
        sharedRepositoryUrl: values.imageRepositoryUrl,
      },
      rolePermissionsBoundary: values.rolePermissionsBoundary,
      requirePinnedImage: production,
      forceDeleteRepository: values.tier === "preview",
      forceDeleteAssets: values.tier === "preview",
      cpu: values.taskCpu,
      memory: values.taskMemory,
      minTasks: values.minTasks,
      maxTasks: values.maxTasks,
      containerPort: values.containerPort,
      healthCheckPath: values.healthCheckPath,
      assetPathPrefix: values.assetPathPrefix,
      logRetentionDays: values.logRetentionDays,
      bindings: [database.binding],
      originCertificate,
    },
    opts,
  );

  const cdn = new Cdn(
    "edge",
    {
      hostname: values.hostname,
      zone: values.cloudflareZone,
      zoneId: values.cloudflareZoneId,
      origin: app.loadBalancerDnsName,
      originReady: app.originReady,
      ownsZoneSettings: values.ownsZoneSettings,
      previewHosts: pullRequestHostPattern(values.hostname),
      tlsMode: values.tlsMode,
      minTlsVersion: values.minTlsVersion,
      assetPathPrefix: values.assetPathPrefix,
      assetCacheTtlSeconds: values.assetCacheTtlSeconds,
      releaseId: app.releaseId,
      apiToken: values["cloudflare:apiToken"],
      purgeAfter: [app],
    },
    opts,
  );

  return {
    stack: spec.stack,
    url: cdn.url,
    hostname: values.hostname,
    releaseId: app.releaseId,
    imageRef: app.imageRef,
    loadBalancerDnsName: app.loadBalancerDnsName,
    clusterName: app.clusterName,
    serviceName: app.serviceName,
    migrationTaskDefinitionArn: app.migrationTaskDefinitionArn,
    taskSecurityGroupId: app.taskSecurityGroupId,
    privateSubnetIds: app.privateSubnetIds,
    vpcId: network.vpcId,
    availabilityZones: network.availabilityZones,
    databaseWriterEndpoint: database.writerEndpoint,
    databaseReaderEndpoint: database.readerEndpoint,
    databasePort: database.port,
    databaseName: database.databaseName,
    databaseSecretArn: database.secretArn,
    databaseClusterIdentifier: database.clusterIdentifier,
  };
}

export type StackOutputs = ReturnType<typeof defineStack>;
