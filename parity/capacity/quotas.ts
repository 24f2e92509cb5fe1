import type { RecordedResource } from "../offline/recorder";
import { fargateVcpusAtPeak } from "./fargate-vcpus";

/** Aurora makes at most 15 copy-on-write clones of one cluster (a hard limit, not a quota). */
export const AURORA_CLONES_PER_SOURCE = 15;

/** How a quota is counted: per region, per availability zone, per source cluster, per group. */
export type QuotaScope = "region" | "zone" | "source cluster" | "security group";

/** What a quota must keep free, on top of what the stacks hold, so a deploy can replace a resource. */
export interface Headroom {
  readonly amount: number;
  /** Why that much, as the quota table shows it. */
  readonly why: string;
}

/**
 * A create-before-delete replacement (Pulumi's default) holds the new resource and the old one
 * until the old one is deleted, so it needs one more of what it replaces for a while. Headroom is
 * one replacement per quota and per scope (region, zone, source cluster, group): a NAT gateway
 * and its Elastic IP are replaced in the zone they serve, so every zone keeps its own. It is not
 * one per stack: deploys of different stacks that replace the same kind of resource at the same
 * moment can still meet the limit, and the later one fails until the earlier one finishes.
 */
const ONE_REPLACEMENT: Headroom = { amount: 1, why: "one replacement" };

export interface QuotaDefinition {
  readonly title: string;
  readonly scope: QuotaScope;
  /** AWS's default for a new account. */
  readonly defaultLimit: number;
  /** The Service Quotas code to ask for an increase under, when there is one. */
  readonly code?: string;
  readonly headroom: Headroom;
}

/**
 * The AWS quotas a stack of this project uses, with AWS's default limits (Amazon VPC quotas,
 * Elastic Load Balancing quotas, the Aurora User Guide's "Limitations of cloning", and Amazon
 * ECS service quotas for Fargate: 6 On-Demand vCPUs, what `aws service-quotas
 * list-aws-default-service-quotas --service-code fargate` lists; older accounts may hold more,
 * new ones start there).
 */
export const QUOTAS = {
  elasticIps: {
    title: "Elastic IP addresses",
    scope: "region",
    defaultLimit: 5,
    code: "ec2/L-0263D0A3",
    headroom: ONE_REPLACEMENT,
  },
  vpcs: {
    title: "VPCs",
    scope: "region",
    defaultLimit: 5,
    code: "vpc/L-F678F1CE",
    headroom: ONE_REPLACEMENT,
  },
  natGatewaysPerZone: {
    title: "NAT gateways",
    scope: "zone",
    defaultLimit: 5,
    code: "vpc/L-FE5A380F",
    headroom: ONE_REPLACEMENT,
  },
  loadBalancers: {
    title: "Application Load Balancers",
    scope: "region",
    defaultLimit: 50,
    code: "elasticloadbalancing/L-53DA6B97",
    headroom: ONE_REPLACEMENT,
  },
  auroraClones: {
    title: "Aurora clones",
    scope: "source cluster",
    defaultLimit: AURORA_CLONES_PER_SOURCE,
    headroom: ONE_REPLACEMENT,
  },
  securityGroupRules: {
    title: "Rules per security group and direction (IPv4 and IPv6 each)",
    scope: "security group",
    defaultLimit: 60,
    code: "vpc/L-0EA8095F",
    headroom: ONE_REPLACEMENT,
  },
  fargateVcpus: {
    title: "Fargate On-Demand vCPUs at maxTasks, doubled by a rollout",
    scope: "region",
    defaultLimit: 6,
    code: "fargate/L-3032A538",
    // A rolling deployment already starts a second set of every service's tasks, and the count
    // holds it; replacing the service itself starts no more than that (minTasks new tasks).
    headroom: { amount: 0, why: "a replacement is a rollout, counted" },
  },
} as const satisfies Record<string, QuotaDefinition>;

export type QuotaName = keyof typeof QUOTAS;

/** One stack's use of one quota within one scope (a zone, a source cluster, a group). */
export interface QuotaUse {
  readonly quota: QuotaName;
  /** Which zone, source cluster or group (direction, IP family) the count is for; "" per region. */
  readonly scope: string;
  readonly used: number;
}

type Inputs = Record<string, unknown>;

function ofType(resources: readonly RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((resource) => resource.type === type);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function tally(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** NAT gateways by the availability zone of their subnet. */
function natGatewaysByZone(resources: readonly RecordedResource[]): Map<string, number> {
  const zoneOfSubnet = new Map(
    ofType(resources, "aws:ec2/subnet:Subnet").map((subnet) => [
      subnet.id,
      str(subnet.inputs.availabilityZone) ?? "unknown zone",
    ]),
  );
  return tally(
    ofType(resources, "aws:ec2/natGateway:NatGateway").map(
      (nat) => zoneOfSubnet.get(str(nat.inputs.subnetId)) ?? "unknown zone",
    ),
  );
}

/**
 * Rules of every security group per direction and IP family. AWS counts each CIDR block and each
 * referenced group of a rule as one rule, IPv4 and IPv6 separately; inline rules
 * (`ingress`/`egress` of the group) and standalone ones (`aws:vpc/securityGroup*Rule`) add up.
 */
function securityGroupRules(resources: readonly RecordedResource[]): Map<string, number> {
  const groups = [
    ...ofType(resources, "aws:ec2/securityGroup:SecurityGroup"),
    ...ofType(resources, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"),
  ];
  const nameOfGroup = new Map(groups.map((group) => [group.id, group.name]));
  const counts = new Map<string, number>();
  const add = (group: string, direction: string, family: string, n: number): void => {
    if (n === 0) return;
    const key = `${group} ${direction} ${family}`;
    counts.set(key, (counts.get(key) ?? 0) + n);
  };
  for (const group of groups) {
    for (const direction of ["ingress", "egress"] as const) {
      for (const rule of list(group.inputs[direction]) as Inputs[]) {
        const references =
          list(rule.securityGroups).length + list(rule.prefixListIds).length + (rule.self ? 1 : 0);
        add(group.name, direction, "IPv4", list(rule.cidrBlocks).length + references);
        add(group.name, direction, "IPv6", list(rule.ipv6CidrBlocks).length);
      }
    }
  }
  for (const [type, direction] of [
    ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "ingress"],
    ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "egress"],
  ] as const) {
    for (const rule of ofType(resources, type)) {
      const group = nameOfGroup.get(str(rule.inputs.securityGroupId)) ?? "unknown group";
      add(group, direction, rule.inputs.cidrIpv6 === undefined ? "IPv4" : "IPv6", 1);
    }
  }
  return counts;
}

/** Clones this stack makes, by the source cluster they copy. */
function clonesBySource(resources: readonly RecordedResource[]): Map<string, number> {
  return tally(
    ofType(resources, "aws:rds/cluster:Cluster").flatMap((cluster) => {
      const restore = cluster.inputs.restoreToPointInTime as Inputs | undefined;
      const source = str(restore?.sourceClusterIdentifier);
      return restore?.restoreType === "copy-on-write" && source !== undefined ? [source] : [];
    }),
  );
}

/** Everything one stack uses of {@link QUOTAS}, counted from its registered resources. */
export function quotaUse(resources: readonly RecordedResource[]): QuotaUse[] {
  const perScope = (quota: QuotaName, counts: Map<string, number>): QuotaUse[] =>
    [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([scope, used]) => ({ quota, scope, used }));
  return [
    { quota: "elasticIps", scope: "", used: ofType(resources, "aws:ec2/eip:Eip").length },
    { quota: "vpcs", scope: "", used: ofType(resources, "aws:ec2/vpc:Vpc").length },
    ...perScope("natGatewaysPerZone", natGatewaysByZone(resources)),
    {
      quota: "loadBalancers",
      scope: "",
      used: ofType(resources, "aws:lb/loadBalancer:LoadBalancer").filter(
        (lb) => (str(lb.inputs.loadBalancerType) ?? "application") === "application",
      ).length,
    },
    ...perScope("auroraClones", clonesBySource(resources)),
    ...perScope("securityGroupRules", securityGroupRules(resources)),
    { quota: "fargateVcpus", scope: "", used: fargateVcpusAtPeak(resources) },
  ];
}
