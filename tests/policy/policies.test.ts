import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { runPack } from "../../parity/policy/run-pack";
import type { RecordedResource } from "../../parity/offline/recorder";
import published from "../../policy/cloudflare-published-ranges.json";
import type { PolicyEnvironment } from "../../policy/environment";
import { PACK_ENFORCEMENT_LEVEL, parityPolicies } from "../../policy/pack";
import { PROJECT_DIR } from "../helpers/temp-project";
import { awsProvider, recorded } from "./stack-resources";

const PRODUCTION: PolicyEnvironment = {
  project: "parity-stack",
  stack: "prod",
  tier: "production",
  dbPort: 5432,
};
const STAGING: PolicyEnvironment = { ...PRODUCTION, stack: "prod", tier: "staging" };

const CLUSTER = {
  clusterIdentifier: "parity-stack-prod",
  storageEncrypted: true,
  deletionProtection: true,
  skipFinalSnapshot: false,
  backupRetentionPeriod: 14,
};
const instance = (name: string) =>
  recorded("aws:rds/clusterInstance:ClusterInstance", name, {
    clusterIdentifier: "parity-stack-prod",
    publiclyAccessible: false,
  });

/** One of every resource the policies read, each as the policies want it. */
const COMPLIANT: readonly RecordedResource[] = [
  awsProvider("prod"),
  recorded("aws:rds/cluster:Cluster", "main-cluster", CLUSTER, { protect: true }),
  instance("main-writer"),
  instance("main-reader-1"),
  recorded("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "db-from-vpc", {
    fromPort: 5432,
    toPort: 5432,
    ipProtocol: "tcp",
    cidrIpv4: "10.40.0.0/16",
  }),
  recorded("aws:ec2/securityGroup:SecurityGroup", "lb-sg", {
    ingress: [
      { fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["173.245.48.0/20"] },
      { fromPort: 443, toPort: 443, protocol: "tcp", ipv6CidrBlocks: ["2606:4700::/32"] },
    ],
  }),
  recorded("cloudflare:index/dnsRecord:DnsRecord", "record", {
    name: "app.parity-stack.io",
    type: "CNAME",
    proxied: true,
  }),
  recorded("cloudflare:index/zoneSetting:ZoneSetting", "ssl", {
    settingId: "ssl",
    value: "strict",
  }),
  recorded("cloudflare:index/zoneSetting:ZoneSetting", "min-tls", {
    settingId: "min_tls_version",
    value: "1.2",
  }),
  recorded("aws:cloudwatch/logGroup:LogGroup", "logs", { retentionInDays: 365 }),
];

/** An AWS provider that tags nothing. */
const BARE_PROVIDER = recorded(
  "pulumi:providers:aws",
  "bare",
  { region: "eu-west-1" },
  { provider: undefined },
);

/** The stack with the resource named `name` replaced (or, when `name` is new, added). */
function changed(name: string, replacement: RecordedResource | undefined): RecordedResource[] {
  const rest = COMPLIANT.filter((r) => r.name !== name);
  return replacement === undefined ? rest : [...rest, replacement];
}

function withInputs(name: string, inputs: Record<string, unknown>, extra = {}): RecordedResource[] {
  const resource = COMPLIANT.find((r) => r.name === name);
  if (resource === undefined) throw new Error(`no resource ${name}`);
  const merged = { ...resource.inputs, ...inputs };
  return changed(name, { ...resource, inputs: merged, outputs: merged, ...extra });
}

async function violations(resources: readonly RecordedResource[], env = PRODUCTION) {
  const found = await runPack(
    parityPolicies(() => env),
    PACK_ENFORCEMENT_LEVEL,
    resources,
  );
  return found.map((v) => [v.policy, v.enforcementLevel, v.resource?.name]);
}

describe("the policy pack", () => {
  it("gives every policy a description and an enforcement level", () => {
    const policies = parityPolicies(() => PRODUCTION);
    expect(policies).toHaveLength(12);
    for (const policy of policies) {
      expect(policy.description).toMatch(/^[A-Z].*\.$/);
      expect(["mandatory", "advisory"]).toContain(policy.enforcementLevel);
    }
  });

  it("finds nothing in a stack where every resource is compliant", async () => {
    expect(await violations(COMPLIANT)).toEqual([]);
  });

  it.each([
    [
      "database-encrypted",
      "an unencrypted cluster",
      withInputs("main-cluster", { storageEncrypted: false }),
      "main-cluster",
    ],
    [
      "database-not-public",
      "a publicly accessible instance",
      withInputs("main-reader-1", { publiclyAccessible: true }),
      "main-reader-1",
    ],
    [
      "database-deletion-protection",
      "a production cluster without Pulumi protect",
      withInputs("main-cluster", {}, { protect: false }),
      "main-cluster",
    ],
    [
      "database-backups",
      "three days of backups in production",
      withInputs("main-cluster", { backupRetentionPeriod: 3 }),
      "main-cluster",
    ],
    [
      "database-readers",
      "a cluster with a writer and no reader",
      changed("main-reader-1", undefined),
      "main-cluster",
    ],
    [
      "log-group-retention",
      "a log group that keeps its events forever",
      withInputs("logs", { retentionInDays: undefined }),
      "logs",
    ],
    [
      "dns-records-proxied",
      "a DNS-only record",
      withInputs("record", { proxied: false }),
      "record",
    ],
    ["edge-strict-tls", "SSL mode full", withInputs("ssl", { value: "full" }), "ssl"],
    [
      "stack-tags",
      "a resource on a provider without default tags",
      [
        ...COMPLIANT,
        BARE_PROVIDER,
        recorded(
          "aws:cloudwatch/logGroup:LogGroup",
          "untagged",
          { retentionInDays: 365 },
          { provider: `${BARE_PROVIDER.urn}::9f` },
        ),
      ],
      "untagged",
    ],
    [
      "stack-tags",
      "a resource whose own tags name another stack",
      withInputs("logs", { tags: { environment: "staging" } }),
      "logs",
    ],
  ])("%s catches %s", async (policy, _what, resources, name) => {
    expect(await violations(resources)).toEqual([[policy, "mandatory", name]]);
  });

  it("reports TLS 1.0 at the edge as advisory", async () => {
    expect(await violations(withInputs("min-tls", { value: "1.0" }))).toEqual([
      ["edge-min-tls-version", "advisory", "min-tls"],
    ]);
  });

  it("catches the database port open to the internet, naming the rule and the fix", async () => {
    const open = withInputs("db-from-vpc", { cidrIpv4: "0.0.0.0/0" });
    const found = await runPack(
      parityPolicies(() => PRODUCTION),
      PACK_ENFORCEMENT_LEVEL,
      open,
    );
    expect(found.map((v) => [v.policy, v.message])).toEqual([
      [
        "no-database-port-from-internet",
        "this rule admits 0.0.0.0/0 on port 5432 (the stack's database). Fix: admit the database's clients by their security group (referencedSecurityGroupId), never by an internet address range.",
      ],
      [
        "ingress-from-cloudflare-only",
        "this rule admits 0.0.0.0/0, outside Cloudflare's ranges. Fix: admit only Cloudflare's ranges (cloudflare.getIpRanges) on the load balancer, and other AWS resources by their security group.",
      ],
    ]);
  });

  it("catches a security group that admits the internet around Cloudflare", async () => {
    const resources = withInputs("lb-sg", {
      ingress: [{ fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["203.0.113.0/24"] }],
    });
    expect(await violations(resources)).toEqual([
      ["ingress-from-cloudflare-only", "mandatory", "lb-sg"],
    ]);
  });

  it("takes its thresholds from the tier: staging keeps a day of backups and may delete its database", async () => {
    const resources = withInputs(
      "main-cluster",
      { backupRetentionPeriod: 1, deletionProtection: false, skipFinalSnapshot: true },
      { protect: false },
    );
    expect(await violations(resources, STAGING)).toEqual([]);
    expect(await violations(resources, PRODUCTION)).toEqual([
      ["database-deletion-protection", "mandatory", "main-cluster"],
      ["database-backups", "mandatory", "main-cluster"],
    ]);
  });

  it("allows Cloudflare the ranges the offline answer to cloudflare:getIpRanges gives", () => {
    const invokes = parse(
      readFileSync(path.join(PROJECT_DIR, "parity/offline/invokes.yaml"), "utf8"),
    ) as Record<string, { ipv4Cidrs: string[]; ipv6Cidrs: string[] }>;
    const answer = invokes["cloudflare:index/getIpRanges:getIpRanges"];
    expect({ ipv4: published.ipv4, ipv6: published.ipv6 }).toEqual({
      ipv4: answer?.ipv4Cidrs,
      ipv6: answer?.ipv6Cidrs,
    });
  });
});
