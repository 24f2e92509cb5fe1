import { evaluateStack, type EvaluatedStack } from "../../parity/offline/evaluate";
import type { GraphResource } from "../../parity/graph/model";
import { buildGraph } from "../../parity/graph/normalise";
import { rawStackOf } from "../../parity/sources/offline";
import { findResource } from "../helpers/graph";
import { PROJECT_DIR } from "../helpers/temp-project";

const NETWORK = "parity:aws:Network::main";

/** The network's resources as the parity checker compares them: stack identity normalised out. */
function network(stack: EvaluatedStack): GraphResource[] {
  return [...buildGraph(rawStackOf(stack)).resources.values()]
    .filter((r) => r.key === NETWORK || r.parent === NETWORK)
    .sort((a, b) => a.key.localeCompare(b.key));
}

describe("the committed stacks, evaluated offline", () => {
  let staging: EvaluatedStack;
  let prod: EvaluatedStack;
  let pr: EvaluatedStack;
  beforeAll(async () => {
    staging = await evaluateStack({ projectDir: PROJECT_DIR, stack: "staging" });
    prod = await evaluateStack({ projectDir: PROJECT_DIR, stack: "prod" });
    pr = await evaluateStack({
      projectDir: PROJECT_DIR,
      stack: "pr-42",
      config: { "parity-stack:expiresAt": "2026-12-01T00:00:00Z" },
    });
  });

  it("gives staging, production and a PR stack the same network, input for input", () => {
    const expected = network(staging);
    expect(expected).toHaveLength(1 + 1 + 1 + 1 + 1 + 1 + 3 * 8);
    expect(network(prod)).toEqual(expected);
    expect(network(pr)).toEqual(expected);
  });

  it("tags every AWS resource once, through the provider, with the stack identity", () => {
    const tags = (stack: EvaluatedStack) =>
      JSON.parse(
        findResource(stack.resources, "pulumi:providers:aws", "aws").inputs.defaultTags as string,
      ) as unknown;
    expect(tags(prod)).toEqual({
      tags: {
        project: "parity-stack",
        environment: "prod",
        tier: "production",
        "managed-by": "pulumi",
      },
    });
    expect(tags(pr)).toEqual({
      tags: {
        project: "parity-stack",
        environment: "pr-42",
        tier: "preview",
        "managed-by": "pulumi",
        "pr-number": "42",
        "expires-at": "2026-12-01T00:00:00Z",
      },
    });
  });

  it("routes every AWS resource through the tagged provider", () => {
    const provider = findResource(prod.resources, "pulumi:providers:aws", "aws");
    const awsResources = prod.resources.filter((r) => r.type.startsWith("aws:"));
    expect(awsResources.length).toBeGreaterThan(0);
    expect(
      awsResources.filter((r) => r.provider !== `${provider.urn}::${provider.id ?? ""}`),
    ).toEqual([]);
  });

  it("places each stack in its configured region", () => {
    expect(findResource(prod.resources, "pulumi:providers:aws", "aws").inputs.region).toBe(
      "eu-west-1",
    );
    expect(prod.outputs.availabilityZones).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
  });

  it("exports what an operator needs", () => {
    expect(prod.outputs).toMatchObject({ stack: "prod", hostname: "app.parity-stack.io" });
    expect(pr.outputs).toMatchObject({
      stack: "pr-42",
      hostname: "pr-42-staging.parity-stack.dev",
    });
    expect(prod.outputs.vpcId).toMatch(/^vpc-0[0-9a-f]{16}$/);
  });

  it("rolls out the service only after the migration run of its release, in every stack", () => {
    for (const stack of [staging, prod, pr]) {
      const graph = buildGraph(rawStackOf(stack));
      const service = graph.resources.get("aws:ecs/service:Service::app-service");
      expect(service?.dependencies).toContain(
        "pulumi-nodejs:dynamic/parity:MigrationRun::app-migration",
      );
      expect(
        graph.resources.get("pulumi-nodejs:dynamic/parity:MigrationRun::app-migration")?.inputs,
      ).toMatchObject({ containerName: "migrate", deadlineSeconds: 1800 });
    }
  });
});
