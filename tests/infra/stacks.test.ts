import { evaluateStack, type EvaluatedStack } from "../../parity/offline/evaluate";
import type { RecordedResource } from "../../parity/offline/recorder";
import { findResource } from "../helpers/graph";
import { PROJECT_DIR } from "../helpers/temp-project";

/** Inputs with every physical id of the same graph replaced by the type and name it belongs to. */
function portable(stack: EvaluatedStack, filter: (r: RecordedResource) => boolean) {
  const ids = new Map(
    stack.resources.filter((r) => r.id !== undefined).map((r) => [r.id, `<${r.type}::${r.name}>`]),
  );
  const swap = (value: unknown): unknown => {
    if (typeof value === "string") return ids.get(value) ?? value;
    if (Array.isArray(value)) return value.map(swap);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
    }
    return value;
  };
  return stack.resources
    .filter(filter)
    .map((r) => ({
      type: r.type,
      name: r.name,
      parent: r.parent?.split("::").pop(),
      inputs: swap(r.inputs),
    }))
    .sort((a, b) => `${a.type}${a.name}`.localeCompare(`${b.type}${b.name}`));
}

const inNetwork = (r: RecordedResource) =>
  r.type === "parity:aws:Network" || (r.parent?.endsWith("parity:aws:Network::main") ?? false);

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
    const network = portable(staging, inNetwork);
    expect(network).toHaveLength(1 + 1 + 1 + 1 + 1 + 1 + 3 * 8);
    expect(portable(prod, inNetwork)).toEqual(network);
    expect(portable(pr, inNetwork)).toEqual(network);
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
});
