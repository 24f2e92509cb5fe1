import {
  Database,
  DATABASE_TYPE,
  parameterGroupFamily,
  validateDatabaseArgs,
  type DatabaseArgs,
  type DatabaseLifecycle,
  type DatabaseSource,
} from "../../../components/aws/database";
import { DATABASE_FIELDS } from "../../../components/aws/database-fields";
import { UserError } from "../../../components/errors";
import type { RecordedResource } from "../../../parity/offline/recorder";
import { childProblems, findResource, ofType } from "../../helpers/graph";
import { runComponent } from "../../helpers/mock-run";

const CLUSTER = "aws:rds/cluster:Cluster";
const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
const PARAMETER_GROUP = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";

const DISPOSABLE: DatabaseLifecycle = {
  protect: false,
  deletionProtection: false,
  backupRetentionDays: 1,
  finalSnapshot: false,
  guardData: false,
};
const GUARDED: DatabaseLifecycle = {
  protect: true,
  deletionProtection: true,
  backupRetentionDays: 14,
  finalSnapshot: true,
  guardData: true,
};

function databaseArgs(overrides: Partial<DatabaseArgs> = {}): DatabaseArgs {
  return {
    clusterIdentifier: "shop-staging",
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0a", "subnet-0b", "subnet-0c"],
    availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    engineVersion: "16.11",
    replicas: 2,
    capacity: { mode: "provisioned", instanceClass: "db.r7g.large" },
    logRetentionDays: 30,
    databaseName: "app",
    logMinDurationMs: 1000,
    iamAuthentication: true,
    lifecycle: DISPOSABLE,
    ...overrides,
  };
}

async function deploy(overrides: Partial<DatabaseArgs> = {}) {
  return runComponent(() => {
    const db = new Database("main", databaseArgs(overrides));
    return {
      writerEndpoint: db.writerEndpoint,
      readerEndpoint: db.readerEndpoint,
      port: db.port,
      databaseName: db.databaseName,
      secretArn: db.secretArn,
      securityGroupId: db.securityGroupId,
      clusterIdentifier: db.clusterIdentifier,
      clusterArn: db.clusterArn,
    };
  });
}

function instancesInOrder(resources: readonly RecordedResource[]): RecordedResource[] {
  const readers = ofType(resources, INSTANCE).filter((r) => r.name.startsWith("main-reader-"));
  readers.sort((a, b) => Number(a.name.split("-").pop()) - Number(b.name.split("-").pop()));
  return [findResource(resources, INSTANCE, "main-writer"), ...readers];
}

describe("validateDatabaseArgs", () => {
  const raw = (source: object): DatabaseSource => source as DatabaseSource;

  it.each<[string, Partial<DatabaseArgs>, string]>([
    [
      "no readers",
      { replicas: 0 },
      'Database "main": `replicas` must be an integer from 1 to 15 (got 0). Production has replicas, so every environment must.',
    ],
    [
      "more readers than Aurora allows",
      { replicas: 16 },
      'Database "main": `replicas` must be an integer from 1 to 15 (got 16). Production has replicas, so every environment must.',
    ],
    [
      "a fractional reader count",
      { replicas: 1.5 },
      'Database "main": `replicas` must be an integer from 1 to 15 (got 1.5). Production has replicas, so every environment must.',
    ],
    [
      "an unsupported engine version",
      { engineVersion: "14.9" },
      'Database "main": `engineVersion` must be one of "16.9", "16.10", "16.11", "17.5", "17.6", "17.7" (got "14.9"). These are the Aurora PostgreSQL versions this component is tested with.',
    ],
    [
      "a snapshot together with a clone source",
      {
        source: raw({
          kind: "snapshot",
          snapshotIdentifier: "shop-before-migration",
          sourceClusterIdentifier: "shop-staging-main",
        }),
      },
      'Database "main": `source` names both a snapshot ("shop-before-migration") and a clone source cluster ("shop-staging-main"). A database starts from one of them: remove snapshotIdentifier or sourceClusterIdentifier.',
    ],
    [
      "a clone source together with a snapshot",
      {
        source: raw({
          kind: "clone",
          sourceClusterIdentifier: "shop-staging-main",
          snapshotIdentifier: "shop-before-migration",
        }),
      },
      'Database "main": `source` names both a snapshot ("shop-before-migration") and a clone source cluster ("shop-staging-main"). A database starts from one of them: remove snapshotIdentifier or sourceClusterIdentifier.',
    ],
    [
      "an unknown source kind",
      { source: raw({ kind: "backup" }) },
      'Database "main": `source.kind` must be "empty", "snapshot" or "clone" (got "backup").',
    ],
    [
      "a clone of itself",
      { source: { kind: "clone", sourceClusterIdentifier: "shop-staging" } },
      'Database "main": `source.sourceClusterIdentifier` is "shop-staging", the cluster itself. A clone needs another cluster as its source.',
    ],
    [
      "a clone source that is no cluster identifier",
      { source: { kind: "clone", sourceClusterIdentifier: "Shop_Staging" } },
      'Database "main": `source.sourceClusterIdentifier` must be an Aurora cluster identifier: a lower-case letter, then lower-case letters, digits and single hyphens, at most 63 characters, not ending in a hyphen (got "Shop_Staging"). Use the clusterIdentifier output of the stack to clone.',
    ],
    [
      "an empty snapshot identifier",
      { source: { kind: "snapshot", snapshotIdentifier: "" } },
      'Database "main": `source.snapshotIdentifier` must be an RDS cluster snapshot identifier or ARN (got ""). Copy it from `aws rds describe-db-cluster-snapshots`.',
    ],
    [
      "a serverless minimum above the maximum",
      { capacity: { mode: "serverless", minAcu: 8, maxAcu: 4 } },
      'Database "main": `capacity.minAcu` (8) must not exceed `capacity.maxAcu` (4). Lower minAcu or raise maxAcu.',
    ],
    [
      "a serverless minimum off the half-ACU steps",
      { capacity: { mode: "serverless", minAcu: 0.3, maxAcu: 4 } },
      'Database "main": `capacity.minAcu` must be a number from 0 to 256 in steps of 0.5 (got 0.3).',
    ],
    [
      "a serverless maximum below one ACU",
      { capacity: { mode: "serverless", minAcu: 0, maxAcu: 0.5 } },
      'Database "main": `capacity.maxAcu` must be a number from 1 to 256 in steps of 0.5 (got 0.5).',
    ],
    [
      "guarded data without deletion protection",
      { lifecycle: { ...GUARDED, deletionProtection: false } },
      'Database "main": `lifecycle.deletionProtection` must be true when `lifecycle.guardData` is true (got false). Guarded data must survive a mistaken delete: turn deletionProtection on, or pass guardData false only for disposable data.',
    ],
    [
      "guarded data without Pulumi protect",
      { lifecycle: { ...GUARDED, protect: false } },
      'Database "main": `lifecycle.protect` must be true when `lifecycle.guardData` is true (got false). Guarded data must survive a mistaken delete: turn protect on, or pass guardData false only for disposable data.',
    ],
    [
      "guarded data without a final snapshot",
      { lifecycle: { ...GUARDED, finalSnapshot: false } },
      'Database "main": `lifecycle.finalSnapshot` must be true when `lifecycle.guardData` is true (got false). Guarded data must survive a mistaken delete: turn finalSnapshot on, or pass guardData false only for disposable data.',
    ],
    [
      "no backups",
      { lifecycle: { ...DISPOSABLE, backupRetentionDays: 0 } },
      'Database "main": `lifecycle.backupRetentionDays` must be an integer from 1 to 35 (got 0). Aurora always keeps at least one day of backups.',
    ],
    [
      "an upper-case cluster identifier",
      { clusterIdentifier: "Shop-Staging" },
      'Database "main": `clusterIdentifier` must be an Aurora cluster identifier: a lower-case letter, then lower-case letters, digits and single hyphens, at most 63 characters, not ending in a hyphen (got "Shop-Staging"). Derive it from the project and stack name, such as "shop-staging".',
    ],
    [
      "a cluster identifier ending in a hyphen",
      { clusterIdentifier: "shop-" },
      'Database "main": `clusterIdentifier` must be an Aurora cluster identifier: a lower-case letter, then lower-case letters, digits and single hyphens, at most 63 characters, not ending in a hyphen (got "shop-"). Derive it from the project and stack name, such as "shop-staging".',
    ],
    [
      "a single subnet",
      { subnetIds: ["subnet-0a"] },
      'Database "main": `subnetIds` must list at least 2 private subnets in different zones (got 1). An Aurora subnet group spans two zones or more: pass the network\'s private subnets.',
    ],
    [
      "a single zone",
      { availabilityZones: ["eu-west-1a"] },
      'Database "main": `availabilityZones` must list at least 2 zones (got 1). Readers in another zone than the writer keep the database up when a zone fails: pass the network\'s zones.',
    ],
    [
      "an instance class without a size",
      { capacity: { mode: "provisioned", instanceClass: "r7g.large" } },
      'Database "main": `capacity.instanceClass` must be a provisioned RDS instance class such as "db.r7g.large", not "db.serverless" (got "r7g.large"). Serverless v2 is a mode of its own: capacity.mode "serverless".',
    ],
    [
      "db.serverless as a provisioned class",
      { capacity: { mode: "provisioned", instanceClass: "db.serverless" } },
      'Database "main": `capacity.instanceClass` must be a provisioned RDS instance class such as "db.r7g.large", not "db.serverless" (got "db.serverless"). Serverless v2 is a mode of its own: capacity.mode "serverless".',
    ],
    [
      "an unknown engine mode",
      { capacity: { mode: "limitless" } as unknown as DatabaseArgs["capacity"] },
      'Database "main": `capacity.mode` must be one of "provisioned", "serverless" (got "limitless").',
    ],
    [
      "a database name with upper-case letters",
      { databaseName: "App" },
      'Database "main": `databaseName` must be a lower-case PostgreSQL identifier of at most 63 characters (got "App").',
    ],
    [
      "the reserved master user name",
      { masterUsername: "rdsadmin" },
      'Database "main": `masterUsername` must be a lower-case PostgreSQL identifier of at most 63 characters other than "rdsadmin" (got "rdsadmin").',
    ],
    [
      "a port RDS does not allow",
      { port: 80 },
      'Database "main": `port` must be an integer from 1150 to 65535 (got 80).',
    ],
    [
      "a slow-statement threshold below -1",
      { logMinDurationMs: -5 },
      'Database "main": `logMinDurationMs` must be an integer from -1 to 2147483647 (got -5). The value is in milliseconds; -1 turns slow-statement logging off.',
    ],
  ])("refuses %s with a message that says what to change", (_, overrides, message) => {
    const attempt = () => {
      validateDatabaseArgs("main", databaseArgs(overrides));
    };
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(message);
  });

  it.each<[string, Partial<DatabaseArgs>]>([
    ["one reader", { replicas: 1 }],
    ["fifteen readers", { replicas: 15 }],
    [
      "a serverless range that may pause",
      { capacity: { mode: "serverless", minAcu: 0, maxAcu: 1 } },
    ],
    ["a snapshot", { source: { kind: "snapshot", snapshotIdentifier: "shop-before-migration" } }],
    ["a clone", { source: { kind: "clone", sourceClusterIdentifier: "shop-prod" } }],
    ["guarded data with every guard on", { lifecycle: GUARDED }],
  ])("accepts %s", (_, overrides) => {
    expect(() => {
      validateDatabaseArgs("main", databaseArgs(overrides));
    }).not.toThrow();
  });

  it("refuses 0.3 ACU in the words of the rule the config loader declares the key with", () => {
    const capacity = { mode: "serverless", minAcu: 0.3, maxAcu: 4 } as const;
    expect(DATABASE_FIELDS.minAcu.allowed).toBe("a number from 0 to 256 in steps of 0.5");
    expect(() => {
      validateDatabaseArgs("main", databaseArgs({ capacity }));
    }).toThrow(
      new UserError(
        `Database "main": \`capacity.minAcu\` must be ${DATABASE_FIELDS.minAcu.allowed} (got 0.3).`,
      ),
    );
  });

  it.each([0.5, 1.5])("accepts a serverless minimum of %d ACU", (minAcu) => {
    expect(() => {
      validateDatabaseArgs(
        "main",
        databaseArgs({ capacity: { mode: "serverless", minAcu, maxAcu: 4 } }),
      );
    }).not.toThrow();
  });
});

describe("validateDatabaseArgs defaults", () => {
  it("fills in the documented defaults for optional args", () => {
    const minimal: DatabaseArgs = {
      clusterIdentifier: "shop-staging",
      vpcId: "vpc-0123456789abcdef0",
      subnetIds: ["subnet-0a", "subnet-0b"],
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
      engineVersion: "16.11",
      replicas: 1,
      capacity: { mode: "serverless", minAcu: 0.5, maxAcu: 4 },
      logRetentionDays: 7,
      lifecycle: DISPOSABLE,
    };
    expect(validateDatabaseArgs("main", minimal)).toEqual({
      ...minimal,
      databaseName: "app",
      port: 5432,
      masterUsername: "postgres",
      logMinDurationMs: -1,
      iamAuthentication: false,
      performanceInsights: true,
      source: { kind: "empty" },
      alarmActions: [],
    });
  });
});

describe("parameterGroupFamily", () => {
  it.each([
    ["15.10", "aurora-postgresql15"],
    ["16.11", "aurora-postgresql16"],
    ["17.5", "aurora-postgresql17"],
  ])("maps engine version %s to family %s", (version, family) => {
    expect(parameterGroupFamily(version)).toBe(family);
  });
});

describe("Database", () => {
  it("parents every child to the component and names it from the component", async () => {
    const { resources } = await deploy();
    expect(childProblems(resources, DATABASE_TYPE)).toEqual([]);
  });

  it("creates an encrypted cluster whose password AWS manages, never one from config", async () => {
    const { resources } = await deploy();
    const cluster = findResource(resources, CLUSTER, "main-cluster");
    expect(cluster.inputs).toMatchObject({
      clusterIdentifier: "shop-staging",
      engine: "aurora-postgresql",
      engineVersion: "16.11",
      databaseName: "app",
      port: 5432,
      masterUsername: "postgres",
      manageMasterUserPassword: true,
      storageEncrypted: true,
      iamDatabaseAuthenticationEnabled: true,
      copyTagsToSnapshot: true,
      enabledCloudwatchLogsExports: ["postgresql"],
      preferredBackupWindow: "02:00-03:00",
      preferredMaintenanceWindow: "sun:03:30-sun:04:30",
    });
    // RDS would create the exported log's group itself, without retention: it exists first.
    const log = findResource(resources, "aws:cloudwatch/logGroup:LogGroup", "main-postgresql-log");
    expect(log.inputs).toEqual({
      name: "/aws/rds/cluster/shop-staging/postgresql",
      retentionInDays: 30,
    });
    expect(cluster.dependencies).toContain(log.urn);
    expect(cluster.inputs.masterPassword).toBeUndefined();
    expect(cluster.inputs.snapshotIdentifier).toBeUndefined();
    expect(cluster.inputs.restoreToPointInTime).toBeUndefined();
  });

  it("places the cluster in a subnet group of the private subnets and behind its own security group", async () => {
    const { resources } = await deploy();
    const cluster = findResource(resources, CLUSTER, "main-cluster");
    const subnetGroup = findResource(resources, SUBNET_GROUP, "main-subnets");
    const securityGroup = findResource(resources, SECURITY_GROUP, "main-sg");
    const parameterGroup = findResource(resources, PARAMETER_GROUP, "main-params");
    expect(subnetGroup.inputs.subnetIds).toEqual(["subnet-0a", "subnet-0b", "subnet-0c"]);
    expect(cluster.inputs.dbSubnetGroupName).toBe(subnetGroup.outputs.name);
    expect(cluster.inputs.vpcSecurityGroupIds).toEqual([securityGroup.id]);
    expect(cluster.inputs.dbClusterParameterGroupName).toBe(parameterGroup.outputs.name);
  });

  it("gives the security group no rules of its own, so only a consumer's rule admits anyone", async () => {
    const { resources } = await deploy();
    const securityGroup = findResource(resources, SECURITY_GROUP, "main-sg");
    expect(securityGroup.inputs.vpcId).toBe("vpc-0123456789abcdef0");
    expect(securityGroup.inputs.ingress).toBeUndefined();
    expect(securityGroup.inputs.egress).toBeUndefined();
  });

  it("forces TLS and sets the slow-statement threshold in the cluster parameter group", async () => {
    const { resources } = await deploy({ engineVersion: "17.5" });
    const parameterGroup = findResource(resources, PARAMETER_GROUP, "main-params");
    expect(parameterGroup.inputs.family).toBe("aurora-postgresql17");
    expect(parameterGroup.inputs.parameters).toEqual([
      { name: "rds.force_ssl", value: "1" },
      { name: "log_min_duration_statement", value: "1000" },
    ]);
  });

  it.each([1, 2, 4])(
    "creates one writer and %i readers in the cluster, all on the same engine and class",
    async (replicas) => {
      const { resources } = await deploy({ replicas });
      const instances = ofType(resources, INSTANCE);
      expect(instances).toHaveLength(1 + replicas);
      for (const instance of instances) {
        expect(instance.inputs).toMatchObject({
          clusterIdentifier: "shop-staging",
          engine: "aurora-postgresql",
          instanceClass: "db.r7g.large",
          publiclyAccessible: false,
          autoMinorVersionUpgrade: false,
          performanceInsightsEnabled: true,
          performanceInsightsRetentionPeriod: 7,
        });
      }
    },
  );

  it("spreads the writer and readers round-robin over the zones with the writer first to promote", async () => {
    const { resources } = await deploy({ replicas: 4 });
    const placement = instancesInOrder(resources).map((i) => [
      i.name,
      i.inputs.availabilityZone,
      i.inputs.promotionTier,
    ]);
    expect(placement).toEqual([
      ["main-writer", "eu-west-1a", 0],
      ["main-reader-1", "eu-west-1b", 1],
      ["main-reader-2", "eu-west-1c", 2],
      ["main-reader-3", "eu-west-1a", 3],
      ["main-reader-4", "eu-west-1b", 4],
    ]);
  });

  it("leaves the engine version to the cluster: Aurora upgrades instances with it", async () => {
    const { resources } = await deploy({ engineVersion: "17.5" });
    expect(findResource(resources, CLUSTER, "main-cluster").inputs.engineVersion).toBe("17.5");
    expect(ofType(resources, INSTANCE).map((i) => i.inputs.engineVersion)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("runs db.serverless instances in the Aurora Serverless v2 range only in serverless mode", async () => {
    const serverless = await deploy({ capacity: { mode: "serverless", minAcu: 0.5, maxAcu: 8 } });
    const provisioned = await deploy();
    const clusterOf = (run: typeof serverless) =>
      findResource(run.resources, CLUSTER, "main-cluster");
    expect(clusterOf(serverless).inputs.serverlessv2ScalingConfiguration).toEqual({
      minCapacity: 0.5,
      maxCapacity: 8,
    });
    expect(ofType(serverless.resources, INSTANCE).map((i) => i.inputs.instanceClass)).toEqual([
      "db.serverless",
      "db.serverless",
      "db.serverless",
    ]);
    expect(clusterOf(provisioned).inputs.serverlessv2ScalingConfiguration).toBeUndefined();
  });

  it.each<[string, DatabaseLifecycle, Record<string, unknown>]>([
    [
      "guarded data",
      GUARDED,
      {
        deletionProtection: true,
        backupRetentionPeriod: 14,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: "shop-staging-final",
      },
    ],
    [
      "disposable data",
      DISPOSABLE,
      { deletionProtection: false, backupRetentionPeriod: 1, skipFinalSnapshot: true },
    ],
  ])("applies the lifecycle of %s to the cluster", async (_, lifecycle, expected) => {
    const { resources } = await deploy({ lifecycle });
    const cluster = findResource(resources, CLUSTER, "main-cluster");
    expect(cluster.inputs).toMatchObject(expected);
    if (!lifecycle.finalSnapshot) expect(cluster.inputs.finalSnapshotIdentifier).toBeUndefined();
  });

  it.each([true, false])(
    "sets Pulumi protect to %s on the cluster and every instance, and on nothing else",
    async (protect) => {
      const { resources } = await deploy({ lifecycle: { ...DISPOSABLE, protect } });
      const holdsData = (r: RecordedResource) => r.type === CLUSTER || r.type === INSTANCE;
      expect(resources.filter(holdsData).map((r) => r.protect)).toEqual([
        protect,
        protect,
        protect,
        protect,
      ]);
      expect(resources.filter((r) => !holdsData(r) && r.protect)).toEqual([]);
    },
  );

  it("clones another cluster copy-on-write as of its latest restorable time", async () => {
    const { resources } = await deploy({
      source: { kind: "clone", sourceClusterIdentifier: "shop-prod" },
    });
    const cluster = findResource(resources, CLUSTER, "main-cluster");
    expect(cluster.inputs.restoreToPointInTime).toEqual({
      sourceClusterIdentifier: "shop-prod",
      restoreType: "copy-on-write",
      useLatestRestorableTime: true,
    });
    expect(cluster.inputs.snapshotIdentifier).toBeUndefined();
    expect(cluster.inputs.masterUsername).toBeUndefined();
    expect(cluster.inputs.manageMasterUserPassword).toBe(true);
  });

  it("restores from a snapshot and keeps the snapshot's master user", async () => {
    const { resources } = await deploy({
      source: { kind: "snapshot", snapshotIdentifier: "shop-before-migration" },
    });
    const cluster = findResource(resources, CLUSTER, "main-cluster");
    expect(cluster.inputs.snapshotIdentifier).toBe("shop-before-migration");
    expect(cluster.inputs.restoreToPointInTime).toBeUndefined();
    expect(cluster.inputs.masterUsername).toBeUndefined();
  });

  it("exposes the endpoints, the managed secret and the security group as outputs", async () => {
    const { resources, outputs } = await deploy();
    const securityGroup = findResource(resources, SECURITY_GROUP, "main-sg");
    expect(outputs).toEqual({
      writerEndpoint: expect.stringMatching(
        /^shop-staging\.cluster-[0-9a-f]{12}\.[a-z0-9-]+\.rds\.amazonaws\.com$/,
      ) as unknown,
      readerEndpoint: expect.stringMatching(
        /^shop-staging\.cluster-ro-[0-9a-f]{12}\.[a-z0-9-]+\.rds\.amazonaws\.com$/,
      ) as unknown,
      port: 5432,
      databaseName: "app",
      secretArn: expect.stringMatching(
        /^arn:aws:secretsmanager:[a-z0-9-]+:\d{12}:secret:rds!cluster-[0-9a-f-]{36}-[0-9a-f]{6}$/,
      ) as unknown,
      securityGroupId: securityGroup.id,
      clusterIdentifier: "shop-staging",
      clusterArn: expect.stringMatching(
        /^arn:aws:rds:[a-z0-9-]+:\d{12}:cluster:shop-staging$/,
      ) as unknown,
    });
  });

  it("refuses invalid args when it is constructed", async () => {
    const run = deploy({ replicas: 0 });
    await expect(run).rejects.toThrow(
      'Database "main": `replicas` must be an integer from 1 to 15 (got 0).',
    );
  });
});
