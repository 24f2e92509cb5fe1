import { Database, type DatabaseArgs } from "../../components/aws/database";
import type { RecordedResource } from "../../parity/offline/recorder";
import { KEY_NAMES, declarationOf } from "../../stacks/keys";
import { runComponent } from "../helpers/mock-run";

const RDS_TYPE = /^aws:rds\//;

const base: DatabaseArgs = {
  clusterIdentifier: "shop-pr-7",
  vpcId: "vpc-0123456789abcdef0",
  subnetIds: ["subnet-0a", "subnet-0b"],
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  engineVersion: "16.11",
  replicas: 1,
  capacity: { mode: "serverless", minAcu: 0.5, maxAcu: 4 },
  logRetentionDays: 14,
  lifecycle: {
    protect: true,
    deletionProtection: true,
    backupRetentionDays: 7,
    finalSnapshot: true,
    guardData: true,
  },
};

/** Values at a dotted path; `*` matches every key or element of one level. */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  const [head, ...rest] = path;
  if (head === undefined) return value === undefined ? [] : [value];
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  const next = head === "*" ? Object.values(record) : [record[head]];
  return next.flatMap((v) => valuesAt(v, rest));
}

describe("database keys in stacks/keys.ts", () => {
  const drives = KEY_NAMES.flatMap((key) =>
    (declarationOf(key).drives ?? [])
      .filter((d) => RDS_TYPE.test(d.type))
      .map((d) => [key, d.type, d.path] as const),
  );

  let resources: RecordedResource[] = [];
  beforeAll(async () => {
    // Between them, these databases set every property a knob may explain.
    const variants: DatabaseArgs[] = [
      { ...base, source: { kind: "clone", sourceClusterIdentifier: "shop-staging" } },
      { ...base, source: { kind: "snapshot", snapshotIdentifier: "shop-before-migration" } },
      { ...base, clusterIdentifier: "shop-staging" },
    ];
    for (const args of variants) {
      const run = await runComponent(() => {
        new Database("main", args);
        return undefined;
      });
      resources = [...resources, ...run.resources];
    }
  });

  it("declare drives for the database", () => {
    expect(drives.length).toBeGreaterThan(0);
  });

  it.each(drives)(
    "%s drives %s %s, a property the Database component registers",
    (_, type, path) => {
      const found = resources
        .filter((r) => r.type === type)
        .flatMap((r) => valuesAt(r.inputs, path.split(".")));
      expect(found).not.toEqual([]);
    },
  );
});
