import { buildGraph } from "../../../parity/graph/normalise";
import type { RawResource } from "../../../parity/graph/raw";

const STACK = "urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev";
const DEFAULT_AWS = "urn:pulumi:dev::demo::pulumi:providers:aws::default_6_63_0";
const VPC = "urn:pulumi:dev::demo::aws:ec2/vpc:Vpc::dev-vpc";
const SUBNET = "urn:pulumi:dev::demo::aws:ec2/subnet:Subnet::dev-subnet";

function resource(urn: string, type: string, extra: Partial<RawResource> = {}): RawResource {
  return {
    urn,
    type,
    custom: true,
    id: undefined,
    parent: STACK,
    provider: `${DEFAULT_AWS}::0b5d`,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
    outputs: {},
    protect: false,
    ...extra,
  };
}

describe("building a graph", () => {
  const graph = buildGraph({
    name: "dev",
    source: "test",
    notes: [],
    resources: [
      { ...resource(STACK, "pulumi:pulumi:Stack"), custom: false, parent: undefined },
      resource(DEFAULT_AWS, "pulumi:providers:aws", { parent: undefined, provider: undefined }),
      resource(VPC, "aws:ec2/vpc:Vpc", {
        id: "vpc-0abc",
        outputs: { arn: "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0abc" },
        inputs: { cidrBlock: "10.0.0.0/16", tags: { Name: "dev-vpc" } },
      }),
      resource(SUBNET, "aws:ec2/subnet:Subnet", {
        dependencies: [VPC, STACK],
        inputs: { vpcId: "vpc-0abc", availabilityZone: "eu-west-1b", secret: "[secret]" },
      }),
    ],
  });

  it("leaves out the stack root and the engine's default providers", () => {
    expect([...graph.resources.keys()]).toEqual([
      "aws:ec2/vpc:Vpc::{stack}-vpc",
      "aws:ec2/subnet:Subnet::{stack}-subnet",
    ]);
  });

  it("records parents, providers and dependencies by key", () => {
    expect(graph.resources.get("aws:ec2/subnet:Subnet::{stack}-subnet")).toEqual({
      key: "aws:ec2/subnet:Subnet::{stack}-subnet",
      type: "aws:ec2/subnet:Subnet",
      name: "{stack}-subnet",
      custom: true,
      parent: undefined,
      provider: undefined,
      dependencies: ["aws:ec2/vpc:Vpc::{stack}-vpc"],
      inputs: {
        vpcId: "[ref aws:ec2/vpc:Vpc::{stack}-vpc]",
        availabilityZone: "{region}b",
        secret: "[secret]",
      },
      protect: false,
    });
  });

  it("normalises the stack name inside inputs", () => {
    expect(graph.resources.get("aws:ec2/vpc:Vpc::{stack}-vpc")?.inputs).toEqual({
      cidrBlock: "10.0.0.0/16",
      tags: { Name: "{stack}-vpc" },
    });
  });
});
