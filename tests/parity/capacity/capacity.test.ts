import { writeFileSync } from "node:fs";
import path from "node:path";
import { readCapacityConfig } from "../../../parity/capacity/config";
import { stackCost } from "../../../parity/capacity/cost";
import { checkQuotas } from "../../../parity/capacity/fit";
import { pricesOf, readPriceTable } from "../../../parity/capacity/prices";
import { QUOTAS, quotaUse } from "../../../parity/capacity/quotas";
import { renderCapacityMarkdown, renderCapacityText } from "../../../parity/capacity/render";
import type { CapacityReport } from "../../../parity/capacity/report";
import type { RecordedResource } from "../../../parity/offline/recorder";
import { TempProject } from "../../helpers/temp-project";

function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<RecordedResource> = {},
): RecordedResource {
  return {
    urn: `urn:pulumi:s::p::${type}::${name}`,
    type,
    name,
    custom: true,
    parent: undefined,
    provider: undefined,
    dependencies: [],
    inputs,
    protect: false,
    retainOnDelete: false,
    ignoreChanges: [],
    importId: undefined,
    id: `${name}-id`,
    outputs: {},
    ...extra,
  };
}

const usEast = pricesOf(readPriceTable(), "us-east-1");

describe("stackCost", () => {
  it("prices provisioned and serverless instances, tasks and public addresses (us-east-1)", () => {
    const cost = stackCost(
      [
        resource("aws:rds/cluster:Cluster", "serverless", {
          clusterIdentifier: "a",
          serverlessv2ScalingConfiguration: { minCapacity: 1, maxCapacity: 8 },
        }),
        resource("aws:rds/clusterInstance:ClusterInstance", "a-1", {
          clusterIdentifier: "a",
          instanceClass: "db.serverless",
        }),
        resource("aws:rds/clusterInstance:ClusterInstance", "b-1", {
          clusterIdentifier: "b",
          instanceClass: "db.r6g.large",
        }),
        resource(
          "aws:ecs/taskDefinition:TaskDefinition",
          "task",
          { cpu: "512", memory: "1024" },
          { outputs: { arn: "arn:task:1" } },
        ),
        resource("aws:ecs/service:Service", "svc", {
          taskDefinition: "arn:task:1",
          desiredCount: 2,
        }),
        resource("aws:lb/loadBalancer:LoadBalancer", "internal", {
          internal: true,
          subnets: ["a", "b"],
        }),
      ],
      usEast,
    );
    expect(cost.lines.map((l) => [l.item, l.quantity, l.hourly])).toEqual([
      ["Aurora db.r6g.large instances", 1, 0.26],
      ["Aurora Serverless v2 instances (1) at minimum capacity", 1, 0.12],
      ["Fargate task vCPU", 1, 0.04048],
      ["Fargate task memory", 2, 0.00889],
      ["Application Load Balancers", 1, 0.0225],
    ]);
    expect(cost.hourly).toBeCloseTo(0.26 + 0.12 + 0.04048 + 0.00889 + 0.0225, 10);
  });

  it.each([
    [
      "an instance class the table does not price",
      [
        resource("aws:rds/clusterInstance:ClusterInstance", "x", {
          instanceClass: "db.x2g.16xlarge",
        }),
      ],
      'has no price for Aurora instance class db.x2g.16xlarge. Add it under "auroraInstanceHour" from the page its "sources" name.',
    ],
    [
      "Fargate on ARM",
      [
        resource(
          "aws:ecs/taskDefinition:TaskDefinition",
          "arm",
          { cpu: "256", memory: "512", runtimePlatform: { cpuArchitecture: "ARM64" } },
          { outputs: { arn: "arn:arm" } },
        ),
        resource("aws:ecs/service:Service", "svc", { taskDefinition: "arn:arm" }),
      ],
      "ECS task definition arm runs on ARM64;",
    ],
  ])("refuses %s", (_what, resources, message) => {
    expect(() => stackCost(resources, usEast)).toThrow(message);
  });

  it("refuses a region the table does not have, naming the ones it has", () => {
    expect(() => pricesOf(readPriceTable(), "ap-south-2")).toThrow(
      'has no prices for ap-south-2 (it has us-east-1, eu-west-1). Add them from the pages under "sources" and update "taken".',
    );
  });
});

describe("quotaUse", () => {
  it("counts each CIDR block of inline and standalone rules per group, direction and family", () => {
    const uses = quotaUse([
      resource("aws:ec2/securityGroup:SecurityGroup", "lb", {
        ingress: [
          { fromPort: 443, cidrBlocks: ["10.0.0.0/8", "192.168.0.0/16"], ipv6CidrBlocks: ["::/0"] },
          { fromPort: 80, securityGroups: ["sg-1"] },
        ],
      }),
      resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r", {
        securityGroupId: "lb-id",
        cidrIpv4: "10.1.0.0/16",
      }),
    ]);
    expect(uses.filter((u) => u.quota === "securityGroupRules")).toEqual([
      { quota: "securityGroupRules", scope: "lb ingress IPv4", used: 4 },
      { quota: "securityGroupRules", scope: "lb ingress IPv6", used: 1 },
    ]);
  });
});

describe("checkQuotas", () => {
  const stacks = [
    {
      stack: "staging",
      region: "eu-west-1",
      pullRequest: false,
      uses: [{ quota: "elasticIps" as const, scope: "", used: 3 }],
    },
    {
      stack: "pr-1",
      region: "eu-west-1",
      pullRequest: true,
      uses: [{ quota: "elasticIps" as const, scope: "", used: 3 }],
    },
  ];
  const limits = Object.fromEntries(
    Object.entries(QUOTAS).map(([name, q]) => [name, q.defaultLimit]),
  ) as Parameters<typeof checkQuotas>[2];

  it("refuses staging plus prStackLimit pull-request stacks beyond the default Elastic IP quota", () => {
    expect(checkQuotas(stacks, 1, limits)).toEqual([
      {
        quota: "elasticIps",
        region: "eu-west-1",
        scope: "",
        sum: "staging 3 + 1 × pr-1 3",
        needed: 6,
        limit: 5,
        fits: false,
      },
    ]);
  });

  it("adds what is in use outside the stacks", () => {
    const [check] = checkQuotas(stacks, 0, limits, { elasticIps: 2 });
    expect([check?.sum, check?.needed, check?.fits]).toEqual([
      "in use elsewhere 2 + staging 3 + 0 × pr-1 3",
      5,
      true,
    ]);
  });
});

describe("stacks/capacity.yaml", () => {
  const project = new TempProject();
  afterAll(() => {
    project.cleanup();
  });
  const write = (text: string) => {
    writeFileSync(path.join(project.dir, "stacks", "capacity.yaml"), text);
  };

  it("keeps AWS's default for every quota it does not raise", () => {
    write("prStackLimit: 2\nquotas:\n  elasticIps: 20\n");
    const config = readCapacityConfig(project.dir);
    expect(config.prStackLimit).toBe(2);
    expect(config.limits).toEqual({
      elasticIps: 20,
      vpcs: 5,
      natGatewaysPerZone: 5,
      loadBalancers: 50,
      auroraClones: 15,
      securityGroupRules: 60,
    });
  });

  it.each([
    ["prStackLimit: 16\n", "`prStackLimit`: Too big: expected number to be <=15."],
    ["prStackLimit: 2\nquotas:\n  eips: 9\n", '`quotas`: Unrecognized key: "eips".'],
    ["prStackLimit: 2\nlimit: 3\n", 'the top level: Unrecognized key: "limit".'],
  ])("refuses %j", (text, message) => {
    write(text);
    expect(() => readCapacityConfig(project.dir)).toThrow(
      `${path.join(project.dir, "stacks", "capacity.yaml")}: ${message}`,
    );
  });

  it("names the allowed keys and values in every refusal", () => {
    write("prStackLimit: -1\n");
    expect(() => readCapacityConfig(project.dir)).toThrow(
      "`prStackLimit`: Too small: expected number to be >=0. Allowed: prStackLimit (an integer from 0 to 15, Aurora's limit of clones of one cluster); quotas and inUse, each mapping elasticIps, vpcs, natGatewaysPerZone, loadBalancers, auroraClones, securityGroupRules to an integer.",
    );
  });
});

describe("rendering", () => {
  const report: CapacityReport = {
    configFile: "stacks/capacity.yaml",
    prStackLimit: 4,
    prices: {
      currency: "USD",
      taken: "2026-11-22",
      basis: "On-demand list prices.",
      excludes: "data transfer",
      sources: { natGatewayHour: "https://aws.amazon.com/vpc/pricing/" },
    },
    stacks: [
      {
        stack: "pr-1",
        region: "eu-west-1",
        pullRequest: true,
        cost: {
          lines: [
            { item: "NAT gateways", quantity: 3, unit: "gateway", unitPrice: 0.048, hourly: 0.144 },
          ],
          hourly: 0.144,
          monthly: 105.12,
        },
      },
    ],
    quotas: [
      {
        quota: "elasticIps",
        region: "eu-west-1",
        scope: "",
        sum: "4 × pr-1 3",
        needed: 12,
        limit: 5,
        fits: false,
      },
    ],
    fits: false,
  };

  it("writes the cost, the quotas and what to do in text", () => {
    expect(renderCapacityText(report)).toEqual([
      "Cost per stack:",
      "  pr-1 (eu-west-1): $0.1440/hour, $105.12/month",
      "      NAT gateways: 3 gateway × $0.048 per gateway-hour = $0.1440/hour",
      "  One pull-request stack (pr-1) costs $0.1440 per hour it exists: NAT gateways $0.1440 (3 gateway).",
      "  (USD, On-demand list prices. Prices taken 2026-11-22 from https://aws.amazon.com/vpc/pricing/; they exclude data transfer. A month is 730 hours.)",
      "",
      "Quotas for the committed stacks plus 4 pull-request stacks (stacks/capacity.yaml):",
      "  ✗ Elastic IP addresses (eu-west-1): 4 × pr-1 3 = 12 of 5",
      "Capacity exceeded: Elastic IP addresses (eu-west-1) need 12 of 5; raise the quota (Service Quotas ec2/L-0263D0A3) and set quotas.elasticIps in stacks/capacity.yaml, or lower prStackLimit.",
    ]);
  });

  it("leads the markdown with what one pull-request stack costs per hour", () => {
    const markdown = renderCapacityMarkdown(report);
    expect(markdown.slice(0, 3)).toEqual([
      "### ❌ Cost and capacity",
      "",
      "**One pull-request stack (pr-1) costs $0.1440 per hour it exists: NAT gateways $0.1440 (3 gateway).**",
    ]);
    expect(markdown).toContain("| pr-1 | eu-west-1 | $0.1440 | $105.12 |");
    expect(markdown).toContain("| Elastic IP addresses | eu-west-1 | 4 × pr-1 3 = 12 | 5 | ❌ |");
  });
});
