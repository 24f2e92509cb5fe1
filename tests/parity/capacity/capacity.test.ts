import { writeFileSync } from "node:fs";
import path from "node:path";
import { readCapacityConfig } from "../../../parity/capacity/config";
import { stackCost } from "../../../parity/capacity/cost";
import { checkQuotas, type QuotaCheck } from "../../../parity/capacity/fit";
import { pricesOf, readPriceTable } from "../../../parity/capacity/prices";
import { QUOTAS, quotaUse } from "../../../parity/capacity/quotas";
import { renderCapacityMarkdown, renderCapacityText } from "../../../parity/capacity/render";
import type { CapacityReport } from "../../../parity/capacity/report";
import { TempProject } from "../../helpers/temp-project";
import { resource } from "../../helpers/recorded-resource";

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
  const staging = {
    stack: "staging",
    region: "eu-west-1",
    pullRequest: false,
    uses: [{ quota: "elasticIps" as const, scope: "", used: 3 }],
  };
  const stacks = [
    staging,
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
        neededWithoutPullRequests: 3,
        headroom: 1,
        limit: 5,
        fits: false,
      },
    ]);
  });

  it("adds what is in use outside the stacks, to the need without pull-request stacks too", () => {
    const [check] = checkQuotas(stacks, 0, limits, { elasticIps: 1 });
    expect([check?.sum, check?.needed, check?.neededWithoutPullRequests, check?.fits]).toEqual([
      "in use elsewhere 1 + staging 3 + 0 × pr-1 3",
      4,
      4,
      true,
    ]);
  });

  it.each([
    ["fits a plan that leaves one Elastic IP free for a replacement", 4, true],
    ["refuses a plan that fills the Elastic IP quota exactly, leaving no headroom", 5, false],
  ])("%s", (_what, used, fits) => {
    const [check] = checkQuotas(
      [{ ...staging, uses: [{ quota: "elasticIps", scope: "", used }] }],
      0,
      limits,
    );
    expect([check?.needed, check?.headroom, check?.fits]).toEqual([used, 1, fits]);
  });

  it("keeps headroom for one replacement in every zone of a per-zone quota", () => {
    const uses = [
      { quota: "natGatewaysPerZone" as const, scope: "eu-west-1a", used: 4 },
      { quota: "natGatewaysPerZone" as const, scope: "eu-west-1b", used: 5 },
    ];
    const checks = checkQuotas([{ ...staging, uses }], 0, limits);
    expect(checks.map((c) => [c.scope, c.needed + c.headroom, c.fits])).toEqual([
      ["eu-west-1a", 5, true],
      ["eu-west-1b", 6, false],
    ]);
  });

  it("counts a Fargate rollout in the need and keeps no further headroom for it", () => {
    const [check] = checkQuotas(
      [{ ...staging, uses: [{ quota: "fargateVcpus", scope: "", used: 6 }] }],
      0,
      limits,
    );
    expect([check?.headroom, check?.limit, check?.fits]).toEqual([0, 6, true]);
  });

  it("checks the largest security group with headroom for one more rule", () => {
    const group = (used: number) => ({
      ...staging,
      uses: [{ quota: "securityGroupRules" as const, scope: "lb ingress IPv4", used }],
    });
    expect(checkQuotas([group(59)], 0, limits)[0]?.fits).toBe(true);
    expect(checkQuotas([group(60)], 0, limits)[0]).toEqual({
      quota: "securityGroupRules",
      region: "eu-west-1",
      scope: "lb ingress IPv4",
      sum: "largest group: staging lb ingress IPv4",
      needed: 60,
      neededWithoutPullRequests: 60,
      headroom: 1,
      limit: 60,
      fits: false,
    });
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
      fargateVcpus: 6,
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
      "`prStackLimit`: Too small: expected number to be >=0. Allowed: prStackLimit (an integer from 0 to 15, Aurora's limit of clones of one cluster); quotas and inUse, each mapping elasticIps, vpcs, natGatewaysPerZone, loadBalancers, auroraClones, securityGroupRules, fargateVcpus to an integer.",
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
    priceTable: "parity/capacity/price-table.json",
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
        neededWithoutPullRequests: 0,
        headroom: 1,
        limit: 5,
        fits: false,
      },
    ],
    unpriced: [],
    fits: false,
  };
  const elasticIps = report.quotas[0] as QuotaCheck;
  const quota = (check: Partial<QuotaCheck>): CapacityReport => ({
    ...report,
    quotas: [{ ...elasticIps, ...check }],
  });

  it("writes the cost, the quotas with their headroom and what to do in text", () => {
    expect(renderCapacityText(report)).toEqual([
      "Cost per stack:",
      "  pr-1 (eu-west-1): $0.1440/hour, $105.12/month",
      "      NAT gateways: 3 gateway × $0.048 per gateway-hour = $0.1440/hour",
      "  One pull-request stack (pr-1) costs $0.1440 per hour it exists: NAT gateways $0.1440 (3 gateway).",
      "  (USD, On-demand list prices. Prices taken 2026-11-22 from https://aws.amazon.com/vpc/pricing/; they exclude data transfer. A month is 730 hours.)",
      "",
      "Quotas for the committed stacks plus 4 pull-request stacks, with headroom for one replacement per quota and zone (stacks/capacity.yaml):",
      "  ✗ Elastic IP addresses (eu-west-1): 4 × pr-1 3 = 12 + 1 (one replacement) = 13 of 5",
      "Capacity exceeded: Elastic IP addresses (eu-west-1) need 12 + 1 (one replacement) = 13 of 5; raise the quota (Service Quotas ec2/L-0263D0A3) and set quotas.elasticIps in stacks/capacity.yaml, or lower prStackLimit.",
    ]);
  });

  it("says a quota the stacks fill exactly leaves no headroom, and what to do", () => {
    const text = renderCapacityText(
      quota({
        sum: "prod 3 + staging 3 + 3 × pr-1 3",
        needed: 15,
        neededWithoutPullRequests: 6,
        limit: 15,
      }),
    );
    expect(text.at(-1)).toBe(
      "Capacity exceeded: Elastic IP addresses (eu-west-1) leave no headroom: the stacks take 15 of 15 and one replacement needs 1 more; raise the quota (Service Quotas ec2/L-0263D0A3) and set quotas.elasticIps in stacks/capacity.yaml, or lower prStackLimit.",
    );
  });

  it("offers no lower prStackLimit when the committed stacks alone exceed the quota", () => {
    const text = renderCapacityText(
      quota({
        quota: "fargateVcpus",
        sum: "prod 24 + 2 × pr-1 1",
        needed: 26,
        neededWithoutPullRequests: 24,
        headroom: 0,
        limit: 6,
      }),
    );
    expect(text.at(-1)).toBe(
      "Capacity exceeded: Fargate On-Demand vCPUs at maxTasks, doubled by a rollout (eu-west-1) need 26 + 0 (a replacement is a rollout, counted) = 26 of 6; raise the quota (Service Quotas fargate/L-3032A538) and set quotas.fargateVcpus in stacks/capacity.yaml (the committed stacks alone need 24).",
    );
  });

  it("names each unpriced type, the stacks that register it and the table, with the fix", () => {
    const text = renderCapacityText({
      ...quota({ needed: 3, limit: 5, fits: true }),
      unpriced: [{ type: "aws:sqs/queue:Queue", stacks: ["staging", "prod"] }],
      fits: false,
    });
    expect(text.slice(-2)).toEqual([
      "Capacity fits: the committed stacks and 4 pull-request stacks (prStackLimit) fit every quota with headroom for one replacement.",
      'Unpriced types: aws:sqs/queue:Queue (staging, prod) has neither a price nor a "free" entry in parity/capacity/price-table.json, so the cost above leaves it out. Price each in parity/capacity/cost.ts and the table, or declare it under "free" with why it adds nothing per hour.',
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
    expect(markdown).toContain(
      "| Elastic IP addresses | eu-west-1 | 4 × pr-1 3 = 12 | + 1 (one replacement) | 5 | ❌ |",
    );
  });
});
