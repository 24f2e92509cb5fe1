import { z } from "zod";
import { CONTAINER_SERVICE_FIELDS } from "../components/aws/container-service-fields";
import { IMAGE_SOURCE_FIELDS } from "../components/aws/container-image-fields";
import { DATABASE_FIELDS } from "../components/aws/database-fields";
import { NETWORK_FIELDS } from "../components/aws/network-fields";
import { CDN_FIELDS } from "../components/cloudflare/cdn-fields";
import { boolean, commaSeparated, matching, oneOf } from "../components/field-rule";
import { identity, scale, topology, type KeyDeclaration } from "./key-types";

const CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const CLUSTER = "aws:rds/cluster:Cluster";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const ECR_REPOSITORY = "aws:ecr/repository:Repository";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
/** The image source shows in the container definitions (image, RELEASE_ID) and in the pull rights. */
const IMAGE_SOURCE_DRIVES = [
  { type: TASK_DEFINITION, path: "containerDefinitions.*.image" },
  // The execution policy's PullImage statement (after EcrLogin) names the repository pulled from.
  { type: ROLE_POLICY, path: "policy.Statement.1.Resource" },
  { type: ROLE_POLICY, path: "dependencies", on: "option" },
  { type: "docker:index/image:Image", path: "", on: "presence" },
  { type: "random:index/randomId:RandomId", path: "", on: "presence" },
  // Only a stack that builds has a repository to push to.
  { type: ECR_REPOSITORY, path: "", on: "presence" },
  { type: "aws:ecr/lifecyclePolicy:LifecyclePolicy", path: "", on: "presence" },
  { type: "pulumi-nodejs:dynamic/parity:CachePurge", path: "releaseId" },
] as const;
/** A build pushes to the shared registry, or to a repository of the stack's own with its rules. */
const SHARED_REPOSITORY_DRIVES = [
  { type: TASK_DEFINITION, path: "containerDefinitions.*.image" },
  { type: ROLE_POLICY, path: "policy.Statement.1.Resource" },
  { type: ROLE_POLICY, path: "dependencies", on: "option" },
  { type: "docker:index/image:Image", path: "imageName" },
  { type: "docker:index/image:Image", path: "registry.server" },
  { type: ECR_REPOSITORY, path: "", on: "presence" },
  { type: "aws:ecr/lifecyclePolicy:LifecyclePolicy", path: "", on: "presence" },
  { type: "pulumi-nodejs:dynamic/parity:CachePurge", path: "releaseId" },
] as const;
/** Zone-wide edge settings exist only in the stack that owns the zone's settings. */
const ZONE_OWNER_DRIVES = [
  { type: "cloudflare:index/zoneSetting:ZoneSetting", path: "", on: "presence" },
  { type: "cloudflare:index/ruleset:Ruleset", path: "", on: "presence" },
] as const;

/**
 * Every config key the program reads, each with its class and schema: the one declaration that
 * drives the loader (what a stack file may set) and the parity checker (which differences are
 * explained). A key that feeds a component arg takes that component's rule for it (`*_FIELDS`), so
 * the loader refuses exactly what the component would; only keys no component arg takes have a
 * rule of their own here. Keys without a namespace belong to the project; `aws:`/`cloudflare:`
 * keys configure the explicit providers. Adding a knob is one line here.
 */
export const KEYS = {
  // --- topology: identical everywhere, defaults in Pulumi.yaml --------------------------------
  vpcCidr: topology(
    NETWORK_FIELDS.cidrBlock,
    "IPv4 range of the VPC; each subnet takes a /20 of it.",
  ),
  azCount: topology(
    NETWORK_FIELDS.azCount,
    "Availability zones the network spans; subnets, NAT gateways and database instances spread across them.",
  ),
  dbEngineVersion: topology(
    DATABASE_FIELDS.engineVersion,
    "Aurora PostgreSQL engine version of every database instance.",
  ),
  dbMode: topology(
    DATABASE_FIELDS.mode,
    "Aurora engine mode of every instance: provisioned instances, or Serverless v2. Only the size differs between stacks (dbInstanceClass or the ACU range).",
  ),
  dbReplicas: topology(
    DATABASE_FIELDS.replicas,
    "Aurora reader instances next to the writer. Every stack has them, so replica lag shows up before production.",
  ),
  dbName: topology(DATABASE_FIELDS.databaseName, "Name of the application database."),
  dbPort: topology(DATABASE_FIELDS.port, "TCP port the database listens on."),
  dbLogMinDurationMs: topology(
    DATABASE_FIELDS.logMinDurationMs,
    "Cluster parameter log_min_duration_statement in milliseconds (-1 disables).",
  ),
  dbIamAuth: topology(
    DATABASE_FIELDS.iamAuthentication,
    "Allow IAM database authentication next to password logins.",
  ),
  containerPort: topology(
    CONTAINER_SERVICE_FIELDS.containerPort,
    "Port the application container listens on.",
  ),
  healthCheckPath: topology(
    CONTAINER_SERVICE_FIELDS.healthCheckPath,
    "Path the load balancer and ECS probe for health.",
  ),
  tlsMode: topology(
    CDN_FIELDS.tlsMode,
    'Cloudflare SSL mode towards the origin ("strict" validates the origin certificate).',
  ),
  minTlsVersion: topology(
    CDN_FIELDS.minTlsVersion,
    "Lowest TLS version Cloudflare accepts from visitors.",
  ),
  assetPathPrefix: topology(
    CDN_FIELDS.assetPathPrefix,
    "URL prefix of content-hashed static assets, cached at the edge as immutable.",
  ),
  assetCacheTtlSeconds: topology(
    CDN_FIELDS.assetCacheTtlSeconds,
    "Edge and browser cache lifetime of content-hashed assets, in seconds.",
  ),

  // --- scale knobs: may differ, declared -------------------------------------------------------
  dbInstanceClass: scale(
    DATABASE_FIELDS.instanceClass,
    'Instance class of every database instance when dbMode is "provisioned".',
    {
      optional: true,
      drives: [
        { type: CLUSTER_INSTANCE, path: "instanceClass" },
        // The writer's connection alarm follows the class's default max_connections.
        { type: METRIC_ALARM, path: "threshold" },
      ],
    },
  ),
  dbServerlessMinAcu: scale(
    DATABASE_FIELDS.minAcu,
    'Aurora Serverless v2 minimum capacity (ACU) when dbMode is "serverless".',
    {
      default: 0.5,
      drives: [{ type: CLUSTER, path: "serverlessv2ScalingConfiguration.minCapacity" }],
    },
  ),
  dbServerlessMaxAcu: scale(
    DATABASE_FIELDS.maxAcu,
    'Aurora Serverless v2 maximum capacity (ACU) when dbMode is "serverless".',
    {
      default: 4,
      drives: [
        { type: CLUSTER, path: "serverlessv2ScalingConfiguration.maxCapacity" },
        { type: METRIC_ALARM, path: "threshold" },
      ],
    },
  ),
  taskCpu: scale(CONTAINER_SERVICE_FIELDS.cpu, "Fargate task CPU units.", {
    drives: [{ type: TASK_DEFINITION, path: "cpu" }],
  }),
  taskMemory: scale(CONTAINER_SERVICE_FIELDS.memory, "Fargate task memory in MiB.", {
    drives: [{ type: TASK_DEFINITION, path: "memory" }],
  }),
  minTasks: scale(
    CONTAINER_SERVICE_FIELDS.minTasks,
    "Fewest running tasks; autoscaling never goes below.",
    {
      drives: [
        { type: "aws:appautoscaling/target:Target", path: "minCapacity" },
        { type: "aws:ecs/service:Service", path: "desiredCount" },
      ],
    },
  ),
  maxTasks: scale(
    CONTAINER_SERVICE_FIELDS.maxTasks,
    "Most running tasks; autoscaling never goes above.",
    {
      drives: [{ type: "aws:appautoscaling/target:Target", path: "maxCapacity" }],
    },
  ),
  logRetentionDays: scale(
    CONTAINER_SERVICE_FIELDS.logRetentionDays,
    "Days CloudWatch keeps application logs.",
    { drives: [{ type: "aws:cloudwatch/logGroup:LogGroup", path: "retentionInDays" }] },
  ),

  // --- identity and lifecycle: differ by nature -----------------------------------------------
  "aws:region": identity(
    matching(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region such as "eu-west-1"'),
    "AWS region of the stack.",
  ),
  "aws:profile": identity(
    matching(/^[^\s]+$/, "the name of a profile in ~/.aws/config"),
    "AWS CLI profile whose credentials deploy the stack.",
    {
      optional: true,
      drives: [
        { type: "pulumi:providers:aws", path: "profile" },
        // The migration run calls ECS with the provider's credentials.
        { type: "pulumi-nodejs:dynamic/parity:MigrationRun", path: "profile" },
      ],
    },
  ),
  "aws:skipCredentialsValidation": identity(
    boolean(),
    "Skip the AWS provider's STS credentials check (for endpoints without STS).",
    {
      optional: true,
      drives: [{ type: "pulumi:providers:aws", path: "skipCredentialsValidation" }],
    },
  ),
  "cloudflare:apiToken": identity(
    { type: "string", schema: z.string().min(1), allowed: "a Cloudflare API token" },
    "Cloudflare API token (DNS edit, zone settings, cache purge). Set with --secret; the CLOUDFLARE_API_TOKEN environment variable works too.",
    {
      secret: true,
      optional: true,
      drives: [
        { type: "pulumi:providers:cloudflare", path: "apiToken" },
        { type: "pulumi-nodejs:dynamic/parity:CachePurge", path: "apiToken" },
      ],
    },
  ),
  tier: identity(
    oneOf(["production", "staging", "preview"]),
    "Lifecycle tier: production guards its data; preview is a short-lived pull-request stack.",
    {
      drives: [
        { type: CLUSTER, path: "skipFinalSnapshot" },
        { type: CLUSTER, path: "finalSnapshotIdentifier" },
        { type: ECR_REPOSITORY, path: "forceDelete" },
      ],
    },
  ),
  hostname: identity(
    CDN_FIELDS.hostname,
    "Public hostname of the environment, served through Cloudflare.",
  ),
  cloudflareZone: identity(
    CDN_FIELDS.zone,
    "Apex name of the Cloudflare zone that holds the hostname; the hostname must be it or one label below it.",
  ),
  cloudflareZoneId: identity(CDN_FIELDS.zoneId, "Cloudflare zone that holds the hostname."),
  ownsZoneSettings: identity(
    CDN_FIELDS.ownsZoneSettings,
    "Whether this stack owns the zone-wide edge settings and rulesets (one stack per zone).",
    { drives: ZONE_OWNER_DRIVES },
  ),
  protect: identity(DATABASE_FIELDS.protect, "Pulumi `protect` on resources that hold data.", {
    drives: [{ type: "*", path: "protect", on: "option" }],
  }),
  deletionProtection: identity(
    DATABASE_FIELDS.deletionProtection,
    "AWS deletion protection on the database cluster.",
    {
      drives: [{ type: CLUSTER, path: "deletionProtection" }],
    },
  ),
  backupRetentionDays: identity(
    DATABASE_FIELDS.backupRetentionDays,
    "Days of automated database backups.",
    {
      drives: [{ type: CLUSTER, path: "backupRetentionPeriod" }],
    },
  ),
  imageBuildContext: identity(
    IMAGE_SOURCE_FIELDS.buildContext,
    "Build the application image from this Docker build context (staging, pull-request stacks).",
    { optional: true, drives: IMAGE_SOURCE_DRIVES },
  ),
  imageRef: identity(
    matching(
      /^[^\s@]+@sha256:[0-9a-f]{64}$/,
      "an image reference pinned by digest: repo@sha256:<64 hex>",
    ),
    "Run this already-built image (production promotes the digest staging exported).",
    { optional: true, drives: IMAGE_SOURCE_DRIVES },
  ),
  imagePullAccountIds: identity(
    commaSeparated(IMAGE_SOURCE_FIELDS.pullAccountId, "comma-separated 12-digit AWS account ids"),
    "Other AWS accounts that may pull from this stack's image repository (production's, when it is another account).",
    {
      optional: true,
      drives: [{ type: "aws:ecr/repositoryPolicy:RepositoryPolicy", path: "", on: "presence" }],
    },
  ),
  imageRepositoryUrl: identity(
    IMAGE_SOURCE_FIELDS.sharedRepositoryUrl,
    "The shared image registry a build pushes to (the bootstrap's imageRepositoryUrl output): staging pushes there and production pulls from it. Unset, a build pushes to a repository of the stack's own (pull-request stacks).",
    { optional: true, drives: SHARED_REPOSITORY_DRIVES },
  ),
  rolePermissionsBoundary: identity(
    matching(
      /^arn:aws(-cn|-us-gov)?:iam::\d{12}:policy\/[\w+=,.@/-]+$/,
      "the ARN of an IAM policy, arn:aws:iam::<account>:policy/<name>",
    ),
    "Permissions boundary every IAM role of the stack carries (the bootstrap's rolePermissionsBoundaryArn output): the preview deploy role may create roles only with it.",
    { optional: true, drives: [{ type: "aws:iam/role:Role", path: "permissionsBoundary" }] },
  ),
  dbSnapshotIdentifier: identity(
    DATABASE_FIELDS.snapshotIdentifier,
    "Create the database from this cluster snapshot instead of empty.",
    {
      optional: true,
      drives: [
        { type: CLUSTER, path: "snapshotIdentifier" },
        // A restored cluster keeps its source's master user.
        { type: CLUSTER, path: "masterUsername" },
      ],
    },
  ),
  dbCloneSourceClusterId: identity(
    DATABASE_FIELDS.sourceClusterIdentifier,
    "Create the database as a copy-on-write clone of this cluster instead of empty.",
    {
      optional: true,
      drives: [
        { type: CLUSTER, path: "restoreToPointInTime" },
        { type: CLUSTER, path: "masterUsername" },
      ],
    },
  ),
  expiresAt: identity(
    {
      type: "string",
      schema: z.iso.datetime(),
      allowed: "an ISO 8601 UTC time such as 2026-01-31T12:00:00Z",
    },
    "When a pull-request stack may be destroyed by the sweeper.",
    { optional: true },
  ),
} satisfies Record<string, KeyDeclaration>;

export type KeyName = keyof typeof KEYS;

type ValueOf<D> =
  D extends KeyDeclaration<infer T> ? (D extends { optional: true } ? T | undefined : T) : never;

/** The typed values of one stack: every declared key, parsed and validated. */
export type StackValues = { -readonly [K in KeyName]: ValueOf<(typeof KEYS)[K]> };

export function isKeyName(key: string): key is KeyName {
  return Object.hasOwn(KEYS, key);
}

export function declarationOf(key: KeyName): KeyDeclaration {
  return KEYS[key];
}

export const KEY_NAMES = Object.keys(KEYS) as KeyName[];
