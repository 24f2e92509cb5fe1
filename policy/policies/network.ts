import type { ResourceValidationPolicy } from "@pulumi/policy";
import { admitsInternet, parseCidr, withinAny } from "../cidr";
import { CLOUDFLARE_RANGES } from "../cloudflare-ranges";
import type { EnvironmentSource } from "../environment";
import { ingressRules, ruleLocation, type IngressRule } from "../ingress";

/** Ports database engines listen on by default, next to the stack's own (`dbPort`). */
const DATABASE_PORTS: Readonly<Record<number, string>> = {
  1433: "SQL Server",
  1521: "Oracle",
  3306: "MySQL",
  5432: "PostgreSQL",
  6379: "Redis",
  27017: "MongoDB",
};

function opens(rule: IngressRule, port: number): boolean {
  return rule.ports !== undefined && rule.ports.fromPort <= port && port <= rule.ports.toPort;
}

export function noDatabasePortFromInternet(
  environment: EnvironmentSource,
): ResourceValidationPolicy {
  return {
    name: "no-database-port-from-internet",
    description: "No security group admits the internet on a database port.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
      const rules = ingressRules(args.type, args.props);
      if (rules.length === 0) return;
      const { dbPort } = environment();
      const ports = { ...DATABASE_PORTS, [dbPort]: "the stack's database" };
      for (const rule of rules) {
        const open = Object.keys(ports)
          .map(Number)
          .filter((port) => opens(rule, port));
        const from = rule.cidrs.filter(admitsInternet);
        if (open.length === 0 || from.length === 0) continue;
        report(
          `${ruleLocation(rule)}this rule admits ${from.join(", ")} on ${open.map((p) => `port ${p} (${ports[p] ?? ""})`).join(", ")}. Fix: admit the database's clients by their security group (referencedSecurityGroupId), never by an internet address range.`,
        );
      }
    },
  };
}

export const ingressFromCloudflareOnly: ResourceValidationPolicy = {
  name: "ingress-from-cloudflare-only",
  description:
    "Traffic from the internet enters only from Cloudflare's published ranges, so the origin cannot be reached around the edge.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    for (const rule of ingressRules(args.type, args.props)) {
      const outside = rule.cidrs.filter((text) => {
        const cidr = parseCidr(text);
        return admitsInternet(text) && (cidr === undefined || !withinAny(cidr, CLOUDFLARE_RANGES));
      });
      if (outside.length === 0) continue;
      report(
        `${ruleLocation(rule)}this rule admits ${outside.join(", ")}, outside Cloudflare's ranges. Fix: admit only Cloudflare's ranges (cloudflare.getIpRanges) on the load balancer, and other AWS resources by their security group.`,
      );
    }
  },
};
