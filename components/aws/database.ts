import * as aws from "./sdk";
import * as pulumi from "@pulumi/pulumi";
import { check } from "../errors";
import { checkField, shown } from "../field-rule";
import type { DatabaseCapacity } from "./database-capacity";
import { DATABASE_FIELDS, SERVERLESS_INSTANCE_CLASS } from "./database-fields";
import type { Binding, PolicyStatement } from "./binding";
import { defaultMaxConnections } from "./database-connections";
import { validateLogRetentionDays } from "./log-retention";
import { metricAlarm, type AlarmSpec } from "./metric-alarm";

export const DATABASE_TYPE = "parity:aws:Database";

const ENGINE = "aurora-postgresql";

/** Backups run before the maintenance window; both in UTC and never overlapping. */
const BACKUP_WINDOW = "02:00-03:00";
const MAINTENANCE_WINDOW = "sun:03:30-sun:04:30";
/**
 * Changes reach the cluster and its instances during the `pulumi up` that makes them, not in the
 * next maintenance window: what the update reports is what runs, staging shows the restart an
 * instance-class change causes before production does, and no change lingers as a diff until
 * Sunday. Instances restart one tier at a time (readers wait for the writer; see below).
 */
const APPLY_IMMEDIATELY = true;
/**
 * The alarms every environment's database has, the same everywhere (only the connection limit
 * follows the instance class): replicas lagging (a read-after-write sees old data), a busy writer,
 * and a writer near its max_connections (new connections are refused at the limit).
 */
export const DATABASE_ALARMS = {
  /** Milliseconds the slowest reader may lag for 3 minutes running. */
  replicaLagMs: 1000,
  /** Writer CPU percent for 5 minutes running. */
  writerCpuPercent: 80,
  /** Share of the writer's default max_connections, for 3 minutes running. */
  writerConnectionsShare: 0.8,
} as const;

function databaseAlarms(
  clusterIdentifier: string,
  maxConnections: number,
): Record<string, AlarmSpec> {
  const writer = { DBClusterIdentifier: clusterIdentifier, Role: "WRITER" };
  return {
    "replica-lag": {
      alarmDescription: `Aurora readers lag the writer by more than ${DATABASE_ALARMS.replicaLagMs} ms: reads from the reader endpoint see old data`,
      namespace: "AWS/RDS",
      metricName: "AuroraReplicaLagMaximum",
      dimensions: { DBClusterIdentifier: clusterIdentifier },
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: DATABASE_ALARMS.replicaLagMs,
      minutes: 3,
      breaching: 3,
    },
    "writer-cpu": {
      alarmDescription: `The writer's CPU is above ${DATABASE_ALARMS.writerCpuPercent}%`,
      namespace: "AWS/RDS",
      metricName: "CPUUtilization",
      dimensions: writer,
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: DATABASE_ALARMS.writerCpuPercent,
      minutes: 5,
      breaching: 5,
    },
    "writer-connections": {
      alarmDescription: `The writer holds more than ${DATABASE_ALARMS.writerConnectionsShare * 100}% of its ${maxConnections} connections (default max_connections of its class)`,
      namespace: "AWS/RDS",
      metricName: "DatabaseConnections",
      dimensions: writer,
      statistic: "Maximum",
      comparisonOperator: "GreaterThanThreshold",
      threshold: Math.floor(maxConnections * DATABASE_ALARMS.writerConnectionsShare),
      minutes: 3,
      breaching: 3,
    },
  };
}

/** The engine log the cluster exports to CloudWatch Logs. */
const EXPORTED_LOG = "postgresql";
/** Performance Insights keeps 7 days of history at no charge. */
const PERFORMANCE_INSIGHTS_FREE_DAYS = 7;

/**
 * Where the cluster's data comes from when it is created. Changing it later replaces the cluster
 * (which fails while the old cluster exists: see `clusterIdentifier`).
 */
export type DatabaseSource =
  /** A new, empty database. */
  | { readonly kind: "empty" }
  /** Restored from an RDS cluster snapshot (identifier, or ARN for a shared snapshot). */
  | { readonly kind: "snapshot"; readonly snapshotIdentifier: string }
  /**
   * A copy-on-write clone of another Aurora cluster in the same account and region, as of the
   * latest restorable time: ready in minutes, and storage is only paid for pages that diverge.
   */
  | { readonly kind: "clone"; readonly sourceClusterIdentifier: string };

/** How the data is kept and what stops it from being deleted. */
export interface DatabaseLifecycle {
  /**
   * Pulumi `protect` on the cluster and its instances: `pulumi destroy` and replacements stop
   * with an error instead of deleting them.
   */
  readonly protect: boolean;
  /** AWS deletion protection on the cluster: the API refuses to delete it, whoever asks. */
  readonly deletionProtection: boolean;
  /** Days of automated backups (point-in-time restore window), 1 to 35. Cost: backup storage. */
  readonly backupRetentionDays: number;
  /**
   * Take a snapshot named `<clusterIdentifier>-final` when the cluster is deleted. Cost: the
   * snapshot is kept (and billed) until someone deletes it, and a second delete of a cluster with
   * the same identifier fails until it is.
   */
  readonly finalSnapshot: boolean;
  /**
   * The data must survive mistakes: requires `deletionProtection`, `protect` and `finalSnapshot`.
   * Pass true for environments whose data is not disposable.
   */
  readonly guardData: boolean;
}

export interface DatabaseArgs {
  /**
   * RDS identifier of the cluster, unique in the account and region (for example
   * `<project>-<stack>`). Deterministic, so other stacks can clone this cluster by name. A change
   * that needs a new cluster (another `source`) fails while the old one exists: data is never
   * replaced by accident.
   */
  clusterIdentifier: string;
  /** VPC of the cluster's security group. */
  vpcId: pulumi.Input<string>;
  /**
   * Private subnets of the subnet group, in at least two zones. Security: never pass public
   * subnets; instances are also never publicly accessible.
   */
  subnetIds: pulumi.Input<string>[];
  /**
   * Zones the instances spread over, round-robin: the writer in the first, reader `i` in zone
   * `i mod n`. Pass the network's zones, in the network's order.
   */
  availabilityZones: pulumi.Input<string>[];
  /**
   * Aurora PostgreSQL engine version of the cluster, one of `SUPPORTED_ENGINE_VERSIONS` (database-fields.ts). A
   * new major version replaces the parameter group and upgrades the cluster in place. Instances
   * do not set it: Aurora upgrades a cluster's instances with the cluster.
   */
  engineVersion: string;
  /**
   * Reader instances next to the writer, 1 to 15. Readers lag the writer slightly; see
   * {@link Database} for when to read from the writer. Cost: one instance each.
   */
  replicas: number;
  /** Engine mode and size of every instance. Cost: the main price of the database. */
  capacity: DatabaseCapacity;
  /**
   * Days CloudWatch keeps the PostgreSQL log the cluster exports (slow statements, errors). The
   * component creates the log group RDS writes to (`/aws/rds/cluster/<clusterIdentifier>/postgresql`)
   * before the cluster, so the retention is set; a group RDS creates itself never expires.
   * Cost: log storage.
   */
  logRetentionDays: number;
  /**
   * Name of the database created in a new cluster (a lower-case PostgreSQL identifier). A snapshot
   * or clone brings its own databases; give the name the source uses.
   * @default "app"
   */
  databaseName?: string;
  /**
   * TCP port of the cluster, 1150 to 65535.
   * @default 5432
   */
  port?: number;
  /**
   * Name of the master user of a new cluster. Its password is generated and rotated by AWS in
   * Secrets Manager (`secretArn`), never in config or state. Not used for snapshots and clones,
   * which keep their source's master user.
   * @default "postgres"
   */
  masterUsername?: string;
  /**
   * Cluster parameter `log_min_duration_statement`: log statements slower than this, in
   * milliseconds; -1 turns it off, 0 logs every statement (security: statements may contain data).
   * @default -1
   */
  logMinDurationMs?: number;
  /**
   * Allow IAM database authentication (short-lived tokens) next to password logins.
   * @default false
   */
  iamAuthentication?: boolean;
  /**
   * Performance Insights on every instance, with the 7 days of history that cost nothing.
   * @default true
   */
  performanceInsights?: boolean;
  /**
   * Where the data comes from when the cluster is created.
   * @default { kind: "empty" }
   */
  source?: DatabaseSource;
  /** Backups, deletion protection, final snapshot: what differs for disposable and kept data. */
  lifecycle: DatabaseLifecycle;
  /**
   * Notified when an alarm fires and when it clears (SNS topic ARNs). The alarms
   * ({@link DATABASE_ALARMS}) exist in every environment either way.
   * @default [] (visible in CloudWatch; nobody is notified)
   */
  alarmActions?: pulumi.Input<string>[];
}

/** {@link DatabaseArgs} with every default applied. */
export type ResolvedDatabaseArgs = Required<DatabaseArgs>;

/** Applies the defaults documented on {@link DatabaseArgs}; the one place they live. */
function withDefaults(args: DatabaseArgs): ResolvedDatabaseArgs {
  return {
    ...args,
    databaseName: args.databaseName ?? "app",
    port: args.port ?? 5432,
    masterUsername: args.masterUsername ?? "postgres",
    logMinDurationMs: args.logMinDurationMs ?? -1,
    iamAuthentication: args.iamAuthentication ?? false,
    performanceInsights: args.performanceInsights ?? true,
    source: args.source ?? { kind: "empty" },
    alarmActions: args.alarmActions ?? [],
  };
}

function validateSource(owner: string, raw: DatabaseSource, clusterIdentifier: string): void {
  // The arg is a union, but JavaScript callers and config can hand over any object.
  const source = raw as Partial<Record<string, unknown>>;
  const { snapshotIdentifier, sourceClusterIdentifier } = source;
  check(
    snapshotIdentifier === undefined || sourceClusterIdentifier === undefined,
    () =>
      `${owner}: \`source\` names both a snapshot (${shown(snapshotIdentifier)}) and a clone source cluster (${shown(sourceClusterIdentifier)}). A database starts from one of them: remove snapshotIdentifier or sourceClusterIdentifier.`,
  );
  switch (raw.kind) {
    case "empty":
      return;
    case "snapshot":
      checkField(
        owner,
        "source.snapshotIdentifier",
        DATABASE_FIELDS.snapshotIdentifier,
        raw.snapshotIdentifier,
        "Copy it from `aws rds describe-db-cluster-snapshots`.",
      );
      return;
    case "clone":
      checkField(
        owner,
        "source.sourceClusterIdentifier",
        DATABASE_FIELDS.sourceClusterIdentifier,
        raw.sourceClusterIdentifier,
        "Use the clusterIdentifier output of the stack to clone.",
      );
      check(
        raw.sourceClusterIdentifier !== clusterIdentifier,
        () =>
          `${owner}: \`source.sourceClusterIdentifier\` is "${clusterIdentifier}", the cluster itself. A clone needs another cluster as its source.`,
      );
      return;
    default:
      check(
        false,
        () =>
          `${owner}: \`source.kind\` must be "empty", "snapshot" or "clone" (got ${shown(source.kind)}).`,
      );
  }
}

function validateCapacity(owner: string, capacity: DatabaseCapacity): void {
  checkField(owner, "capacity.mode", DATABASE_FIELDS.mode, capacity.mode);
  if (capacity.mode === "provisioned") {
    checkField(
      owner,
      "capacity.instanceClass",
      DATABASE_FIELDS.instanceClass,
      capacity.instanceClass,
      'Serverless v2 is a mode of its own: capacity.mode "serverless".',
    );
    return;
  }
  const { minAcu, maxAcu } = capacity;
  checkField(owner, "capacity.minAcu", DATABASE_FIELDS.minAcu, minAcu);
  checkField(owner, "capacity.maxAcu", DATABASE_FIELDS.maxAcu, maxAcu);
  check(
    minAcu <= maxAcu,
    () =>
      `${owner}: \`capacity.minAcu\` (${minAcu}) must not exceed \`capacity.maxAcu\` (${maxAcu}). Lower minAcu or raise maxAcu.`,
  );
}

function validateLifecycle(owner: string, lifecycle: DatabaseLifecycle): void {
  checkField(
    owner,
    "lifecycle.backupRetentionDays",
    DATABASE_FIELDS.backupRetentionDays,
    lifecycle.backupRetentionDays,
    "Aurora always keeps at least one day of backups.",
  );
  checkField(owner, "lifecycle.protect", DATABASE_FIELDS.protect, lifecycle.protect);
  checkField(
    owner,
    "lifecycle.deletionProtection",
    DATABASE_FIELDS.deletionProtection,
    lifecycle.deletionProtection,
  );
  if (!lifecycle.guardData) return;
  for (const field of ["deletionProtection", "protect", "finalSnapshot"] as const) {
    check(
      lifecycle[field],
      () =>
        `${owner}: \`lifecycle.${field}\` must be true when \`lifecycle.guardData\` is true (got false). Guarded data must survive a mistaken delete: turn ${field} on, or pass guardData false only for disposable data.`,
    );
  }
}

/**
 * Validates {@link DatabaseArgs} and returns them with defaults applied; throws a
 * {@link UserError} that says what to change.
 */
export function validateDatabaseArgs(name: string, input: DatabaseArgs): ResolvedDatabaseArgs {
  const args = withDefaults(input);
  const owner = `Database "${name}"`;
  const fields = DATABASE_FIELDS;
  checkField(
    owner,
    "clusterIdentifier",
    fields.clusterIdentifier,
    args.clusterIdentifier,
    'Derive it from the project and stack name, such as "shop-staging".',
  );
  check(
    args.subnetIds.length >= 2,
    () =>
      `${owner}: \`subnetIds\` must list at least 2 private subnets in different zones (got ${args.subnetIds.length}). An Aurora subnet group spans two zones or more: pass the network's private subnets.`,
  );
  check(
    args.availabilityZones.length >= 2,
    () =>
      `${owner}: \`availabilityZones\` must list at least 2 zones (got ${args.availabilityZones.length}). Readers in another zone than the writer keep the database up when a zone fails: pass the network's zones.`,
  );
  checkField(
    owner,
    "engineVersion",
    fields.engineVersion,
    args.engineVersion,
    "These are the Aurora PostgreSQL versions this component is tested with.",
  );
  checkField(
    owner,
    "replicas",
    fields.replicas,
    args.replicas,
    "Production has replicas, so every environment must.",
  );
  validateCapacity(owner, args.capacity);
  check(
    defaultMaxConnections(args.capacity) !== undefined,
    () =>
      `${owner}: the memory of instance class "${args.capacity.mode === "provisioned" ? args.capacity.instanceClass : ""}" is not known, so its connection alarm has no threshold. Use an r, m, x or t family class, or add the family to components/aws/database-connections.ts.`,
  );
  validateLogRetentionDays(owner, args.logRetentionDays);
  checkField(owner, "databaseName", fields.databaseName, args.databaseName);
  checkField(owner, "masterUsername", fields.masterUsername, args.masterUsername);
  checkField(owner, "port", fields.port, args.port);
  checkField(
    owner,
    "logMinDurationMs",
    fields.logMinDurationMs,
    args.logMinDurationMs,
    "The value is in milliseconds; -1 turns slow-statement logging off.",
  );
  checkField(owner, "iamAuthentication", fields.iamAuthentication, args.iamAuthentication);
  validateSource(owner, args.source, args.clusterIdentifier);
  validateLifecycle(owner, args.lifecycle);
  return args;
}

/** The cluster parameter group family of an engine version: `16.11` → `aurora-postgresql16`. */
export function parameterGroupFamily(engineVersion: string): string {
  return `${ENGINE}${engineVersion.split(".")[0] ?? ""}`;
}

function restoreArgs(source: DatabaseSource): Partial<aws.rds.ClusterArgs> {
  switch (source.kind) {
    case "empty":
      return {};
    case "snapshot":
      return { snapshotIdentifier: source.snapshotIdentifier };
    case "clone":
      return {
        restoreToPointInTime: {
          sourceClusterIdentifier: source.sourceClusterIdentifier,
          restoreType: "copy-on-write",
          useLatestRestorableTime: true,
        },
      };
  }
}

/**
 * An Aurora PostgreSQL cluster in private subnets: one writer and `replicas` readers spread over
 * the zones, all on the same engine version and instance class, TLS forced by the cluster
 * parameter group, storage encrypted, the master password managed by AWS in Secrets Manager.
 *
 * **Network access.** The cluster's security group has no rules of its own: nothing can connect
 * and the database initiates nothing. The consumer admits itself with one
 * `aws.vpc.SecurityGroupIngressRule` on `securityGroupId`, from its own security group
 * (`referencedSecurityGroupId`), protocol tcp, from and to `port`. Add no inline rules to this
 * group: inline and standalone rules overwrite each other.
 *
 * **Reading your own writes.** `readerEndpoint` balances over the readers, which apply the
 * writer's changes after a short lag (usually milliseconds, longer under load). A request that
 * reads what it has just written — read-after-write in one request, a redirect after a form
 * post, a job that checks the row it inserted — must read from `writerEndpoint`. Use the
 * readers only for reads that tolerate slightly old data.
 *
 * **Instances.** Aurora makes the first instance of a new cluster its writer, so `<name>-writer`
 * (promotion tier 0) is created first and the readers `<name>-reader-<i>` (tier i) only once it
 * exists: the name then matches the role. After a failover another instance may be the writer;
 * the endpoints follow the roles, so always connect through them, never to an instance. The
 * cluster accepts no connections until its writer is available: anything that connects while it
 * is created depends on `connectable`. Changes apply immediately (see `APPLY_IMMEDIATELY`), the
 * writer first and then the readers, so an instance-class change never restarts every instance
 * at once.
 *
 * **Versions.** Minor version upgrades are never automatic: every environment runs exactly
 * `engineVersion` until it is changed in code. The version is set on the cluster only; its
 * instances follow it.
 *
 * **Capacity.** `capacity.mode` (provisioned or Serverless v2) is the same in every environment;
 * only the instance class or the ACU range differs.
 */
export class Database extends pulumi.ComponentResource {
  /** Host of the writer (cluster endpoint); follows the writer through failovers. */
  readonly writerEndpoint: pulumi.Output<string>;
  /** Host balancing over the readers; see the class documentation on replica lag. */
  readonly readerEndpoint: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly databaseName: pulumi.Output<string>;
  /** Secrets Manager secret with the master user's `username` and `password` (rotated by AWS). */
  readonly secretArn: pulumi.Output<string>;
  /** Security group of the cluster; consumers add their ingress rule to it. */
  readonly securityGroupId: pulumi.Output<string>;
  readonly clusterIdentifier: pulumi.Output<string>;
  readonly clusterArn: pulumi.Output<string>;
  /**
   * What must exist before anything can connect: the writer instance. An Aurora cluster is
   * created minutes before its instances and refuses connections until a writer is available, so
   * a migration task or a service that connects while it is created lists these in `dependsOn`.
   */
  readonly connectable: pulumi.Resource[];
  /**
   * What an application needs to use the database, for the container service: `DB_WRITER_HOST`,
   * `DB_READER_HOST`, `DB_PORT`, `DB_NAME`, `DB_SECRET_ARN` (the app reads the rotating password
   * from it), `DB_USER` injected by ECS from the secret, the right to read that one secret, a path
   * to the database's port, and the writer to wait for.
   */
  readonly binding: Binding;
  /** Raw children, for callers that need more than the outputs above. */
  readonly resources: {
    readonly cluster: aws.rds.Cluster;
    readonly writer: aws.rds.ClusterInstance;
    readonly readers: aws.rds.ClusterInstance[];
  };

  constructor(name: string, input: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super(DATABASE_TYPE, name, {}, opts);
    const args = validateDatabaseArgs(name, input);
    const { source, lifecycle } = args;
    const { capacity } = args;
    const instanceClass =
      capacity.mode === "serverless" ? SERVERLESS_INSTANCE_CLASS : capacity.instanceClass;
    const parent = { parent: this };
    const guarded = { parent: this, protect: lifecycle.protect };

    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      { description: `Private subnets of database ${name}`, subnetIds: args.subnetIds },
      parent,
    );
    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: `Database ${name}: clients are admitted by ingress rules that reference it`,
        tags: { Name: `${name}-sg` },
      },
      parent,
    );
    const parameterGroup = new aws.rds.ClusterParameterGroup(
      `${name}-params`,
      {
        family: parameterGroupFamily(args.engineVersion),
        description: `Cluster parameters of database ${name}`,
        parameters: [
          { name: "rds.force_ssl", value: "1" },
          { name: "log_min_duration_statement", value: String(args.logMinDurationMs) },
        ],
      },
      parent,
    );

    // RDS writes the exported log to this group, creating it without retention if it is missing:
    // it must exist first.
    const postgresLog = new aws.cloudwatch.LogGroup(
      `${name}-postgresql-log`,
      {
        name: `/aws/rds/cluster/${args.clusterIdentifier}/${EXPORTED_LOG}`,
        retentionInDays: args.logRetentionDays,
      },
      parent,
    );

    const cluster = new aws.rds.Cluster(
      `${name}-cluster`,
      {
        clusterIdentifier: args.clusterIdentifier,
        engine: ENGINE,
        engineVersion: args.engineVersion,
        allowMajorVersionUpgrade: true,
        databaseName: args.databaseName,
        port: args.port,
        manageMasterUserPassword: true,
        ...(source.kind === "empty" ? { masterUsername: args.masterUsername } : {}),
        ...restoreArgs(source),
        storageEncrypted: true,
        iamDatabaseAuthenticationEnabled: args.iamAuthentication,
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: [securityGroup.id],
        dbClusterParameterGroupName: parameterGroup.name,
        backupRetentionPeriod: lifecycle.backupRetentionDays,
        preferredBackupWindow: BACKUP_WINDOW,
        preferredMaintenanceWindow: MAINTENANCE_WINDOW,
        deletionProtection: lifecycle.deletionProtection,
        skipFinalSnapshot: !lifecycle.finalSnapshot,
        ...(lifecycle.finalSnapshot
          ? { finalSnapshotIdentifier: `${args.clusterIdentifier}-final` }
          : {}),
        copyTagsToSnapshot: true,
        applyImmediately: APPLY_IMMEDIATELY,
        enabledCloudwatchLogsExports: [EXPORTED_LOG],
        ...(capacity.mode === "serverless"
          ? {
              serverlessv2ScalingConfiguration: {
                minCapacity: capacity.minAcu,
                maxCapacity: capacity.maxAcu,
              },
            }
          : {}),
      },
      { ...guarded, dependsOn: [postgresLog] },
    );

    const instance = (instanceName: string, index: number, after: pulumi.Resource[]) =>
      new aws.rds.ClusterInstance(
        instanceName,
        {
          clusterIdentifier: cluster.id,
          engine: ENGINE,
          // No engineVersion: Aurora upgrades instances with their cluster, and an instance's
          // version is read-only. Set here, it would show as drift after every cluster upgrade.
          instanceClass,
          availabilityZone: args.availabilityZones[index % args.availabilityZones.length],
          promotionTier: index,
          publiclyAccessible: false,
          autoMinorVersionUpgrade: false,
          performanceInsightsEnabled: args.performanceInsights,
          ...(args.performanceInsights
            ? { performanceInsightsRetentionPeriod: PERFORMANCE_INSIGHTS_FREE_DAYS }
            : {}),
          copyTagsToSnapshot: true,
          applyImmediately: APPLY_IMMEDIATELY,
        },
        { ...guarded, dependsOn: after },
      );
    const writer = instance(`${name}-writer`, 0, []);
    // The first instance of a cluster becomes its writer: the readers wait for it.
    const readers = Array.from({ length: args.replicas }, (_, i) =>
      instance(`${name}-reader-${i + 1}`, i + 1, [writer]),
    );

    const maxConnections = defaultMaxConnections(capacity) ?? 0;
    for (const [alarm, spec] of Object.entries(
      databaseAlarms(args.clusterIdentifier, maxConnections),
    )) {
      metricAlarm(`${name}-${alarm}`, spec, args.alarmActions, parent);
    }

    this.writerEndpoint = cluster.endpoint;
    this.readerEndpoint = cluster.readerEndpoint;
    this.port = cluster.port;
    this.databaseName = cluster.databaseName;
    this.secretArn = cluster.masterUserSecrets.apply((secrets) => {
      const secret = secrets[0];
      if (secret === undefined) {
        throw new Error(`Database "${name}": the cluster reported no master user secret`);
      }
      return secret.secretArn;
    });
    this.securityGroupId = securityGroup.id;
    this.clusterIdentifier = cluster.clusterIdentifier;
    this.clusterArn = cluster.arn;
    this.connectable = [writer];
    const readSecret: PolicyStatement = {
      Sid: "ReadDatabaseSecret",
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: this.secretArn,
    };
    this.binding = {
      environment: {
        DB_NAME: cluster.databaseName,
        DB_PORT: cluster.port.apply(String),
        DB_READER_HOST: cluster.readerEndpoint,
        DB_SECRET_ARN: this.secretArn,
        DB_WRITER_HOST: cluster.endpoint,
      },
      // The username never rotates, so ECS may inject it; the password is read at connect time.
      secrets: { DB_USER: pulumi.interpolate`${this.secretArn}:username::` },
      taskStatements: [readSecret],
      executionStatements: [readSecret],
      reach: [
        {
          name: "db",
          securityGroupId: securityGroup.id,
          port: cluster.port,
          protocol: "PostgreSQL",
        },
      ],
      readiness: [writer],
    };
    this.resources = { cluster, writer, readers };
    this.registerOutputs({
      writerEndpoint: this.writerEndpoint,
      readerEndpoint: this.readerEndpoint,
      port: this.port,
      databaseName: this.databaseName,
      secretArn: this.secretArn,
      securityGroupId: this.securityGroupId,
      clusterIdentifier: this.clusterIdentifier,
      clusterArn: this.clusterArn,
    });
  }
}
