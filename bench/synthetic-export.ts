import { createHash } from "node:crypto";

/** What makes one synthetic stack's export its own: names, account, region, physical ids. */
export interface SyntheticStack {
  readonly stack: string;
  readonly account: string;
  readonly region: string;
}

const PROJECT = "bench";
const TYPES = [
  "aws:ec2/subnet:Subnet",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:iam/role:Role",
  "aws:lambda/function:Function",
  "aws:cloudwatch/logGroup:LogGroup",
] as const;
/** Custom resources under each component. */
const CHILDREN = 9;

/**
 * A `pulumi stack export` (deployment version 3) of `count` resources shaped like a real stack:
 * components with custom children, a provider, ids and ARNs that other resources' inputs refer
 * to, tags naming the stack, nested arrays. Two stacks made from the same `count` have the same
 * topology and differ only in their identity.
 */
export function syntheticExport(target: SyntheticStack, count: number): unknown {
  const urn = (type: string, name: string, parentType?: string) =>
    `urn:pulumi:${target.stack}::${PROJECT}::${parentType === undefined ? "" : `${parentType}$`}${type}::${name}`;
  const id = (seed: string) =>
    createHash("sha256").update(`${target.stack}/${seed}`).digest("hex").slice(0, 17);
  const providerUrn = urn("pulumi:providers:aws", "aws");
  const provider = `${providerUrn}::${id("provider")}`;
  const resources: unknown[] = [
    {
      urn: urn("pulumi:pulumi:Stack", `${PROJECT}-${target.stack}`),
      custom: false,
      type: "pulumi:pulumi:Stack",
    },
    {
      urn: providerUrn,
      custom: true,
      id: id("provider"),
      type: "pulumi:providers:aws",
      inputs: {
        region: target.region,
        defaultTags: JSON.stringify({ tags: { stack: target.stack } }),
      },
      outputs: { region: target.region },
    },
  ];
  let previous: { id: string; urn: string } | undefined;
  for (let c = 0; resources.length < count; c++) {
    const component = urn("bench:index:Service", `svc-${c}`);
    resources.push({ urn: component, custom: false, type: "bench:index:Service" });
    for (let i = 0; i < CHILDREN && resources.length < count; i++) {
      const type = TYPES[i % TYPES.length] ?? TYPES[0];
      const name = `svc-${c}-${i}`;
      const physical = `${name}-${id(name).slice(0, 7)}`;
      const self = urn(type, name, "bench:index:Service");
      resources.push({
        urn: self,
        custom: true,
        id: physical,
        type,
        parent: component,
        provider,
        dependencies: previous === undefined ? [] : [previous.urn],
        inputs: {
          __defaults: ["name"],
          name: physical,
          description: `${target.stack} service ${c}`,
          ingress: [
            { fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] },
            { fromPort: 80 + i, toPort: 80 + i, cidrBlocks: ["10.0.0.0/16"] },
          ],
          upstream: previous?.id ?? "",
          availabilityZone: `${target.region}${"abc"[i % 3] ?? "a"}`,
          tags: { Name: name, environment: target.stack },
        },
        outputs: { arn: `arn:aws:lambda:${target.region}:${target.account}:function:${physical}` },
      });
      previous = { id: physical, urn: self };
    }
  }
  return {
    version: 3,
    deployment: { manifest: { time: "2026-01-01T00:00:00Z", version: "v3.200.0" }, resources },
  };
}
