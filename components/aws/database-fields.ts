import { boolean, decimal, integer, matching, oneOf } from "../field-rule";

/** Aurora PostgreSQL versions this component is built and tested for. */
export const SUPPORTED_ENGINE_VERSIONS = [
  "16.9",
  "16.10",
  "16.11",
  "17.5",
  "17.6",
  "17.7",
] as const;

/** Aurora allows at most 15 readers in one cluster. */
const MAX_REPLICAS = 15;

/** The instance class of Aurora Serverless v2 instances. */
export const SERVERLESS_INSTANCE_CLASS = "db.serverless";

/** The engine modes: the same in every environment, so replica lag behaves alike everywhere. */
export const DATABASE_MODES = ["provisioned", "serverless"] as const;
export type DatabaseMode = (typeof DATABASE_MODES)[number];

/** A lower-case PostgreSQL identifier (database and user names), without anchors. */
const POSTGRES_IDENTIFIER = "[a-z][a-z0-9_]{0,62}";
/** The ports Aurora PostgreSQL may listen on. */
const DATABASE_PORTS = { min: 1150, max: 65535 } as const;
/** The largest value of an integer PostgreSQL setting such as log_min_duration_statement. */
const POSTGRES_INT_MAX = 2_147_483_647;
/** Aurora Serverless v2 capacity: 256 ACUs at most, set in steps of half an ACU. */
const MAX_ACU = 256;
const ACU_STEP = 0.5;
/** Aurora keeps automated backups for 1 to 35 days. */
const MAX_BACKUP_RETENTION_DAYS = 35;

/** RDS cluster identifiers: a letter, then letters, digits and single hyphens, at most 63. */
const CLUSTER_IDENTIFIER_RULE = matching(
  /^[a-z](?!.*--)[a-z0-9-]{0,62}(?<!-)$/,
  "an Aurora cluster identifier: a lower-case letter, then lower-case letters, digits and single hyphens, at most 63 characters, not ending in a hyphen",
);

/**
 * Rules of {@link DatabaseArgs} fields: the validator checks each of these args with its rule, and
 * the config loader declares the key that feeds one, if any, with the same rule object.
 */
export const DATABASE_FIELDS = {
  clusterIdentifier: CLUSTER_IDENTIFIER_RULE,
  engineVersion: oneOf(SUPPORTED_ENGINE_VERSIONS),
  replicas: integer(1, MAX_REPLICAS),
  mode: oneOf(DATABASE_MODES),
  // `db.<family>.<size>`, never `db.serverless`.
  instanceClass: matching(
    /^db\.(?!serverless$)[a-z0-9]+\.[a-z0-9]+$/,
    'a provisioned RDS instance class such as "db.r7g.large", not "db.serverless"',
  ),
  minAcu: decimal(0, MAX_ACU, ACU_STEP),
  maxAcu: decimal(1, MAX_ACU, ACU_STEP),
  databaseName: matching(
    new RegExp(`^${POSTGRES_IDENTIFIER}$`),
    "a lower-case PostgreSQL identifier of at most 63 characters",
  ),
  masterUsername: matching(
    new RegExp(`^(?!rdsadmin$)${POSTGRES_IDENTIFIER}$`),
    'a lower-case PostgreSQL identifier of at most 63 characters other than "rdsadmin"',
  ),
  port: integer(DATABASE_PORTS.min, DATABASE_PORTS.max),
  logMinDurationMs: integer(-1, POSTGRES_INT_MAX),
  iamAuthentication: boolean(),
  snapshotIdentifier: matching(
    /^[A-Za-z][A-Za-z0-9:-]*$/,
    "an RDS cluster snapshot identifier or ARN",
  ),
  sourceClusterIdentifier: CLUSTER_IDENTIFIER_RULE,
  protect: boolean(),
  deletionProtection: boolean(),
  backupRetentionDays: integer(1, MAX_BACKUP_RETENTION_DAYS),
} as const;
