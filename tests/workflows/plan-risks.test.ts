import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./harness/steps";

const RISKS = path.join(ROOT, ".github/plan-risks.jq");

/** The lines plan-risks.jq prints for a plan proposing `steps` for resources of these types. */
function risks(resources: Record<string, readonly string[]>): string[] {
  const resourcePlans = Object.fromEntries(
    Object.entries(resources).map(([type, steps]) => [
      `urn:pulumi:prod::parity-stack::parity:App$${type}::main`,
      { goal: { type, name: "main", custom: true }, steps, state: {} },
    ]),
  );
  const plan = JSON.stringify({ manifest: {}, resourcePlans });
  return execFileSync("jq", ["-r", "-f", RISKS], { input: plan, encoding: "utf8" })
    .split("\n")
    .filter((line) => line !== "");
}

const REPLACE = ["create-replacement", "replace", "delete-replaced"];

describe("the plan's risks (.github/plan-risks.jq)", () => {
  it("asks for the extra approval when a stateful resource is replaced or deleted", () => {
    expect(
      risks({
        "aws:rds/cluster:Cluster": REPLACE,
        "aws:rds/clusterInstance:ClusterInstance": ["delete"],
        "aws:s3/bucket:Bucket": ["update"],
      }),
    ).toEqual([
      "replace aws:rds/cluster:Cluster main",
      "delete aws:rds/clusterInstance:ClusterInstance main",
    ]);
  });

  it("asks for the extra approval when IAM or security-group resources are created or changed, not deleted", () => {
    expect(
      risks({
        "aws:iam/rolePolicy:RolePolicy": ["update"],
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["create"],
        "aws:iam/role:Role": ["delete"],
      }),
    ).toEqual([
      "update aws:iam/rolePolicy:RolePolicy main",
      "create aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule main",
    ]);
  });

  it("lets a release that only rolls out a new task through with the production approval alone", () => {
    expect(
      risks({
        "aws:ecs/taskDefinition:TaskDefinition": REPLACE,
        "aws:ecs/service:Service": ["update"],
        "aws:rds/cluster:Cluster": ["same"],
      }),
    ).toEqual([]);
  });

  it("names only resource types and modules the stacks register (bootstrap/deploy-types.json)", () => {
    const registered = new Set(
      Object.values(
        JSON.parse(readFileSync(path.join(ROOT, "bootstrap/deploy-types.json"), "utf8")) as Record<
          string,
          string[]
        >,
      ).flat(),
    );
    const named = [...readFileSync(RISKS, "utf8").matchAll(/"(aws:[^"]+)"/g)].map(
      (m) => m[1] ?? "",
    );
    // A type, or a module prefix ("aws:iam/") some registered type starts with.
    const unknown = named.filter((type) =>
      type.endsWith("/") ? ![...registered].some((r) => r.startsWith(type)) : !registered.has(type),
    );
    expect(named.length).toBeGreaterThan(5);
    expect(unknown).toEqual([]);
  });
});
