import { CONTAINER_SERVICE_FIELDS } from "../../components/aws/container-service-fields";
import { IMAGE_SOURCE_FIELDS } from "../../components/aws/container-image-fields";
import { DATABASE_FIELDS } from "../../components/aws/database-fields";
import { NETWORK_FIELDS } from "../../components/aws/network-fields";
import { CDN_FIELDS } from "../../components/cloudflare/cdn-fields";
import type { FieldRule } from "../../components/field-rule";
import { KEY_NAMES, KEYS, declarationOf, type KeyName } from "../../stacks/keys";

/** Every key that feeds a component arg, with the rule that component checks the arg with. */
const COMPONENT_RULES: readonly (readonly [KeyName, FieldRule<unknown>])[] = [
  ["vpcCidr", NETWORK_FIELDS.cidrBlock],
  ["azCount", NETWORK_FIELDS.azCount],
  ["dbEngineVersion", DATABASE_FIELDS.engineVersion],
  ["dbMode", DATABASE_FIELDS.mode],
  ["dbReplicas", DATABASE_FIELDS.replicas],
  ["dbName", DATABASE_FIELDS.databaseName],
  ["dbPort", DATABASE_FIELDS.port],
  ["dbLogMinDurationMs", DATABASE_FIELDS.logMinDurationMs],
  ["dbIamAuth", DATABASE_FIELDS.iamAuthentication],
  ["containerPort", CONTAINER_SERVICE_FIELDS.containerPort],
  ["healthCheckPath", CONTAINER_SERVICE_FIELDS.healthCheckPath],
  ["tlsMode", CDN_FIELDS.tlsMode],
  ["minTlsVersion", CDN_FIELDS.minTlsVersion],
  ["assetPathPrefix", CDN_FIELDS.assetPathPrefix],
  ["assetCacheTtlSeconds", CDN_FIELDS.assetCacheTtlSeconds],
  ["dbInstanceClass", DATABASE_FIELDS.instanceClass],
  ["dbServerlessMinAcu", DATABASE_FIELDS.minAcu],
  ["dbServerlessMaxAcu", DATABASE_FIELDS.maxAcu],
  ["taskCpu", CONTAINER_SERVICE_FIELDS.cpu],
  ["taskMemory", CONTAINER_SERVICE_FIELDS.memory],
  ["minTasks", CONTAINER_SERVICE_FIELDS.minTasks],
  ["maxTasks", CONTAINER_SERVICE_FIELDS.maxTasks],
  ["logRetentionDays", CONTAINER_SERVICE_FIELDS.logRetentionDays],
  ["hostname", CDN_FIELDS.hostname],
  ["cloudflareZone", CDN_FIELDS.zone],
  ["cloudflareZoneId", CDN_FIELDS.zoneId],
  ["ownsZoneSettings", CDN_FIELDS.ownsZoneSettings],
  ["protect", DATABASE_FIELDS.protect],
  ["deletionProtection", DATABASE_FIELDS.deletionProtection],
  ["backupRetentionDays", DATABASE_FIELDS.backupRetentionDays],
  ["imageBuildContext", IMAGE_SOURCE_FIELDS.buildContext],
  ["imageRepositoryUrl", IMAGE_SOURCE_FIELDS.sharedRepositoryUrl],
  ["dbSnapshotIdentifier", DATABASE_FIELDS.snapshotIdentifier],
  ["dbCloneSourceClusterId", DATABASE_FIELDS.sourceClusterIdentifier],
];

/**
 * Keys with a rule of their own, and why: no component arg takes them as they are written.
 * `imagePullAccountIds` is a list whose items follow the component's rule (tested below).
 */
const OWN_RULES: Readonly<Partial<Record<KeyName, string>>> = {
  "aws:region": "configures the AWS provider",
  "aws:profile": "configures the AWS provider",
  "aws:skipCredentialsValidation": "configures the AWS provider",
  "cloudflare:apiToken": "a secret Input the Cdn cannot check before deploy",
  tier: "becomes several lifecycle args (guardData, finalSnapshot, forceDelete…)",
  imageRef: "the loader demands a digest; the component also runs tags when not pinned",
  imagePullAccountIds: "a comma-separated list of the component's account ids",
  expiresAt: "read by the pull-request sweeper, not by a component",
  rolePermissionsBoundary: "an ARN the IAM role takes as it is, checked by IAM",
};

describe("the rules of config keys", () => {
  it("decides for every key: a component's rule, or one of its own with a reason", () => {
    const decided = [...COMPONENT_RULES.map(([key]) => key), ...Object.keys(OWN_RULES)];
    expect([...decided].sort()).toEqual([...KEY_NAMES].sort());
    expect(new Set(decided).size).toBe(decided.length);
  });

  it.each(COMPONENT_RULES)(
    "declares %s with the very schema and words of the component's rule",
    (key, rule) => {
      const decl = declarationOf(key);
      expect(decl.schema).toBe(rule.schema);
      expect(decl.allowed).toBe(rule.allowed);
      expect(decl.type).toBe(rule.type);
    },
  );

  it.each([
    ["210987654321", true],
    ["210987654321,123456789012", true],
    ["21098765432", false],
    ["210987654321,", false],
    ["210987654321, 123456789012", false],
  ])("reads imagePullAccountIds %j item by item with the component's rule", (value, ok) => {
    const items = value.split(",");
    const componentAccepts = items.every(
      (item) => IMAGE_SOURCE_FIELDS.pullAccountId.schema.safeParse(item).success,
    );
    expect(componentAccepts).toBe(ok);
    expect(KEYS.imagePullAccountIds.schema.safeParse(value).success).toBe(ok);
  });
});
