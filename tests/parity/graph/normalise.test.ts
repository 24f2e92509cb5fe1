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

describe("normalising what composed components quote of each other", () => {
  const CLUSTER = "urn:pulumi:dev::demo::aws:ecs/cluster:Cluster::app-cluster";
  const DB = "urn:pulumi:dev::demo::aws:rds/cluster:Cluster::main-cluster";
  const TASK = "urn:pulumi:dev::demo::aws:ecs/taskDefinition:TaskDefinition::app-task";
  const secretArn =
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-1a2b3c-Xy12Zq";
  const digest = `sha256:${"ab".repeat(32)}`;
  const graph = buildGraph({
    name: "dev",
    source: "test",
    notes: [],
    resources: [
      resource(CLUSTER, "aws:ecs/cluster:Cluster", {
        id: "arn:aws:ecs:eu-west-1:123456789012:cluster/app-cluster-be407b1",
        outputs: { name: "app-cluster-be407b1" },
      }),
      resource(DB, "aws:rds/cluster:Cluster", {
        id: "main-db",
        outputs: {
          endpoint: "main-db.cluster-44454d18874b.eu-west-1.rds.amazonaws.com",
          masterUserSecrets: [{ secretArn }],
        },
      }),
      resource(TASK, "aws:ecs/taskDefinition:TaskDefinition", {
        inputs: {
          family: "app-cluster-be407b1-app",
          containerDefinitions: JSON.stringify([
            {
              image: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@${digest}`,
              environment: [
                {
                  name: "DB_HOST",
                  value: "main-db.cluster-44454d18874b.eu-west-1.rds.amazonaws.com",
                },
                { name: "RELEASE_ID", value: digest },
              ],
              secrets: [{ name: "DB_PASSWORD", valueFrom: `${secretArn}:password::` }],
            },
          ]),
          code: `archive ${digest}`,
          certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        },
      }),
    ],
  });
  const inputs = graph.resources.get("aws:ecs/taskDefinition:TaskDefinition::app-task")?.inputs;

  it("marks auto-named physical names of the graph's resources inside strings", () => {
    expect(inputs?.family).toBe("app-cluster-[auto]-app");
  });

  it("reads JSON held in a string, and refers to computed outputs and ARN prefixes by key", () => {
    expect(inputs?.containerDefinitions).toEqual([
      {
        image: "{account}.dkr.ecr.{region}.amazonaws.com/app@sha256:{digest}",
        environment: [
          { name: "DB_HOST", value: "[ref aws:rds/cluster:Cluster::main-cluster.endpoint]" },
          { name: "RELEASE_ID", value: "sha256:{digest}" },
        ],
        secrets: [
          {
            name: "DB_PASSWORD",
            valueFrom:
              "[ref aws:rds/cluster:Cluster::main-cluster.masterUserSecrets.0.secretArn]:password::",
          },
        ],
      },
    ]);
  });

  it("masks key material but keeps code archive hashes, which are real differences", () => {
    expect(inputs?.certificate).toBe("[pem CERTIFICATE]\n");
    expect(inputs?.code).toBe(`archive ${digest}`);
  });
});
