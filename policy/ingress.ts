/** Ports every protocol (`-1`, `all`) opens. */
const ALL_PORTS = { fromPort: 0, toPort: 65535 } as const;
/** Protocols whose "ports" are message types and codes. */
const PORTLESS = new Set(["icmp", "icmpv6", "1", "58"]);

/** One rule admitting traffic into a security group, from whichever resource declares it. */
export interface IngressRule {
  /** Where the rule is: `ingress[0]` of a security group, or the rule resource itself (""). */
  readonly path: string;
  /** The ports it opens; undefined for ICMP. */
  readonly ports: { readonly fromPort: number; readonly toPort: number } | undefined;
  readonly cidrs: readonly string[];
}

type Props = Readonly<Record<string, unknown>>;

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
}

function ports(props: Props, protocol: unknown): IngressRule["ports"] {
  const name = typeof protocol === "string" || typeof protocol === "number" ? String(protocol) : "";
  if (name === "-1" || name.toLowerCase() === "all") return ALL_PORTS;
  if (PORTLESS.has(name.toLowerCase())) return undefined;
  const from = Number(props.fromPort ?? ALL_PORTS.fromPort);
  const to = Number(props.toPort ?? from);
  return { fromPort: from, toPort: to };
}

function rule(path: string, props: Props, protocol: unknown, cidrs: unknown[]): IngressRule {
  return { path, ports: ports(props, protocol), cidrs: cidrs.flatMap(strings) };
}

/**
 * The ingress rules a resource declares: a security group's inline `ingress`, a VPC security group
 * ingress rule, or an EC2 security group rule of type `ingress`. Other resources declare none.
 */
export function ingressRules(type: string, props: Props): IngressRule[] {
  switch (type) {
    case "aws:ec2/securityGroup:SecurityGroup": {
      const inline = Array.isArray(props.ingress) ? (props.ingress as Props[]) : [];
      return inline.map((r, i) =>
        rule(`ingress[${i}]`, r, r.protocol, [r.cidrBlocks, r.ipv6CidrBlocks]),
      );
    }
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      return [rule("", props, props.ipProtocol, [props.cidrIpv4, props.cidrIpv6])];
    case "aws:ec2/securityGroupRule:SecurityGroupRule":
      return props.type === "ingress"
        ? [rule("", props, props.protocol, [props.cidrBlocks, props.ipv6CidrBlocks])]
        : [];
    default:
      return [];
  }
}

/** Where a rule is, for a message: `ingress[0] of ` or nothing for a rule resource. */
export function ruleLocation(rule: IngressRule): string {
  return rule.path === "" ? "" : `${rule.path} of `;
}
