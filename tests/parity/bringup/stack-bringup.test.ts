import { readDurationTable } from "../../../parity/bringup/durations";
import { before, orderOf } from "../../../parity/bringup/order";
import { planBringUp } from "../../../parity/bringup/plan-bringup";
import type { BringUpReport } from "../../../parity/bringup/report";
import { evaluateStack, type EvaluatedStack } from "../../../parity/offline/evaluate";
import { SAMPLE_PR_EXPIRES_AT } from "../../../parity/check/plan";
import { findResource, ofType } from "../../helpers/graph";
import { PROJECT_DIR } from "../../helpers/temp-project";

const TABLE = readDurationTable();
const create = (type: string) => TABLE.types[type]?.create ?? Number.NaN;
const remove = (type: string) => TABLE.types[type]?.delete ?? Number.NaN;
const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

describe("bring-up and teardown of the committed stacks", () => {
  let report: BringUpReport;
  const stacks: EvaluatedStack[] = [];
  beforeAll(async () => {
    report = await planBringUp({ projectDir: PROJECT_DIR });
    for (const stack of ["staging", "prod"]) {
      stacks.push(await evaluateStack({ projectDir: PROJECT_DIR, stack }));
    }
    stacks.push(
      await evaluateStack({
        projectDir: PROJECT_DIR,
        stack: "pr-1",
        config: { "parity-stack:expiresAt": SAMPLE_PR_EXPIRES_AT },
      }),
    );
  });
  const stack = (name: string) => report.stacks.find((s) => s.stack === name);

  it("takes, for staging, prod and pr-1, the time of the database chain computed by hand from the table", () => {
    // Up: provider → VPC → subnet → subnet group → cluster → writer → a reader (it waits for the writer).
    const up =
      create("pulumi:providers:aws") +
      create("aws:ec2/vpc:Vpc") +
      create("aws:ec2/subnet:Subnet") +
      create("aws:rds/subnetGroup:SubnetGroup") +
      create("aws:rds/cluster:Cluster") +
      2 * create(INSTANCE);
    // Down: a reader → the writer → the cluster → its security group → the VPC.
    const down =
      2 * remove(INSTANCE) +
      remove("aws:rds/cluster:Cluster") +
      remove("aws:ec2/securityGroup:SecurityGroup") +
      remove("aws:ec2/vpc:Vpc");
    expect([up, down]).toEqual([1410, 1120]);
    for (const name of ["staging", "prod", "pr-1"]) {
      expect({ name, up: stack(name)?.up.seconds, down: stack(name)?.down.seconds }).toEqual({
        name,
        up,
        down,
      });
      expect(stack(name)?.up.criticalPath.map((s) => s.resource)).toEqual([
        "pulumi:providers:aws::aws",
        "aws:ec2/vpc:Vpc::main-vpc",
        "aws:ec2/subnet:Subnet::main-private-0",
        "aws:rds/subnetGroup:SubnetGroup::main-subnets",
        "aws:rds/cluster:Cluster::main-cluster",
        `${INSTANCE}::main-writer`,
        `${INSTANCE}::main-reader-1`,
      ]);
      expect(stack(name)?.unlistedTypes).toEqual([]);
    }
  });

  it("finds nothing: every stack comes up in order and each tier's teardown is what it must be", () => {
    expect(report.stacks.map((s) => [s.stack, s.readiness, s.teardownFindings])).toEqual([
      ["prod", [], []],
      ["staging", [], []],
      ["pr-1", [], []],
    ]);
    expect(report.holds).toBe(true);
    expect(
      stack("prod")
        ?.teardown.filter((hit) => hit.effect === "blocks")
        .map((hit) => hit.rule),
    ).toEqual([
      "protected",
      "protected",
      "protected",
      "protected",
      "aurora-deletion-protection",
      "s3-bucket-with-objects",
    ]);
    expect(stack("pr-1")?.teardown).toEqual([]);
  });

  it("orders, in every stack, the migration run after a cluster instance and the private routes, and the readers after the writer", () => {
    for (const evaluated of stacks) {
      const order = orderOf(evaluated.resources);
      const urnOf = (type: string, name: string) =>
        findResource(evaluated.resources, type, name).urn;
      const migration = before(
        order,
        urnOf("pulumi-nodejs:dynamic/parity:MigrationRun", "app-migration"),
      );
      expect(migration.has(urnOf(INSTANCE, "main-writer"))).toBe(true);
      const routes = ofType(evaluated.resources, "aws:ec2/route:Route").filter((r) =>
        r.name.startsWith("main-private-"),
      );
      expect(routes).toHaveLength(3);
      for (const route of routes) {
        expect({ route: route.name, before: migration.has(route.urn) }).toEqual({
          route: route.name,
          before: true,
        });
      }
      const writer = urnOf(INSTANCE, "main-writer");
      for (const reader of ofType(evaluated.resources, INSTANCE).filter((r) => r.urn !== writer)) {
        expect(reader.dependencies).toContain(writer);
      }
    }
  });
});
