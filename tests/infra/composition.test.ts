import { hostExpression } from "../../components/cloudflare/edge-rules";
import { evaluateStack, type EvaluatedStack } from "../../parity/offline/evaluate";
import { PIPELINE_CONFIG_SAMPLES } from "../../stacks/pipeline-config";
import { pullRequestHostPattern } from "../../stacks/pr-stack";
import { SECRET } from "../../parity/pulumi-values";
import { findResource, ofType } from "../helpers/graph";
import { PROJECT_DIR } from "../helpers/temp-project";

const CLUSTER = "aws:rds/cluster:Cluster";
const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";

describe("every stack composes the same components", () => {
  const stacks: Record<string, EvaluatedStack> = {};
  beforeAll(async () => {
    for (const stack of ["staging", "prod"]) {
      stacks[stack] = await evaluateStack({ projectDir: PROJECT_DIR, stack });
    }
    stacks.pr = await evaluateStack({
      projectDir: PROJECT_DIR,
      stack: "pr-42",
      config: { "parity-stack:expiresAt": "2026-12-01T00:00:00Z" },
    });
  });
  const each = () => Object.values(stacks);

  it("gives every stack a writer and the same readers, engine mode and promotion tiers, on the cluster's engine version", () => {
    for (const stack of each()) {
      const instances = ofType(stack.resources, INSTANCE);
      expect(instances.map((i) => [i.name, i.inputs.promotionTier])).toEqual([
        ["main-reader-1", 1],
        ["main-reader-2", 2],
        ["main-writer", 0],
      ]);
      expect(new Set(instances.map((i) => i.inputs.engine))).toEqual(
        new Set(["aurora-postgresql"]),
      );
      // Aurora upgrades instances with their cluster: only the cluster names the version.
      expect(instances.map((i) => i.inputs.engineVersion)).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
      expect(instances.every((i) => i.inputs.publiclyAccessible === false)).toBe(true);
      // Provisioned everywhere: no stack runs Serverless v2 while another does not.
      expect(instances.every((i) => i.inputs.instanceClass !== "db.serverless")).toBe(true);
      const cluster = findResource(stack.resources, CLUSTER, "main-cluster");
      expect(cluster.inputs.serverlessv2ScalingConfiguration).toBeUndefined();
      expect(cluster.inputs).toMatchObject({
        engineVersion: "16.11",
        storageEncrypted: true,
        manageMasterUserPassword: true,
      });
      expect(instances.every((i) => i.inputs.clusterIdentifier === cluster.id)).toBe(true);
    }
  });

  it("guards production's data and lets a PR stack be destroyed", () => {
    const cluster = (name: string) =>
      findResource(stacks[name]?.resources ?? [], CLUSTER, "main-cluster");
    expect(cluster("prod")).toMatchObject({
      protect: true,
      inputs: { deletionProtection: true, skipFinalSnapshot: false },
    });
    expect(cluster("pr")).toMatchObject({
      protect: false,
      inputs: { deletionProtection: false, skipFinalSnapshot: true },
    });
  });

  it("puts no plaintext secret into any resource input", () => {
    for (const stack of each()) {
      const withKeys = stack.resources.filter((r) => /PRIVATE KEY/.test(JSON.stringify(r.inputs)));
      expect(withKeys.map((r) => `${r.type}::${r.name}`)).toEqual([]);
      const containers = ofType(stack.resources, "aws:ecs/taskDefinition:TaskDefinition").flatMap(
        (t) =>
          JSON.parse(String(t.inputs.containerDefinitions)) as {
            environment: { name: string }[];
            secrets: { name: string; valueFrom: string }[];
          }[],
      );
      for (const container of containers) {
        expect(
          container.environment.map((e) => e.name).filter((n) => /PASSWORD|TOKEN/.test(n)),
        ).toEqual([]);
        expect(container.secrets.map((s) => s.name)).toEqual(["DB_USER"]);
      }
    }
    const acm = findResource(
      stacks.prod?.resources ?? [],
      "aws:acm/certificate:Certificate",
      "app-lb-origin-cert",
    );
    expect(acm.inputs.privateKey).toBe(SECRET);
  });

  it("stands in for production's imageRef with one shaped like staging's export, in staging's repository", () => {
    const repository = (ref: unknown) => String(ref).slice(0, String(ref).indexOf("@"));
    expect(repository(PIPELINE_CONFIG_SAMPLES.prod?.imageRef)).toBe(
      repository(stacks.staging?.outputs.imageRef),
    );
    expect(PIPELINE_CONFIG_SAMPLES.prod?.imageRef).toMatch(/@sha256:[0-9a-f]{64}$/);
  });

  it("tells the app the load balancer's idle timeout, which the app's keep-alive outlasts", () => {
    for (const stack of each()) {
      const lb = findResource(stack.resources, "aws:lb/loadBalancer:LoadBalancer", "app-lb-alb");
      const task = findResource(
        stack.resources,
        "aws:ecs/taskDefinition:TaskDefinition",
        "app-app",
      );
      const [container] = JSON.parse(String(task.inputs.containerDefinitions)) as {
        environment: { name: string; value: string }[];
      }[];
      const idle = container?.environment.find((e) => e.name === "UPSTREAM_IDLE_TIMEOUT_SECONDS");
      expect(idle?.value).toBe(String(lb.inputs.idleTimeout));
    }
  });

  it("scopes the zone owner's cache rules to its own and its pull-request stacks' hostnames", () => {
    for (const stack of each().filter((s) => s.spec.values.ownsZoneSettings)) {
      const { hostname } = stack.spec.values;
      const ruleset = findResource(
        stack.resources,
        "cloudflare:index/ruleset:Ruleset",
        "edge-cache-rules",
      );
      const hosts = hostExpression({ hostname, previews: pullRequestHostPattern(hostname) });
      const expressions = (ruleset.inputs.rules as { expression: string }[]).map(
        (rule) => rule.expression,
      );
      expect(expressions).toHaveLength(3);
      for (const expression of expressions)
        expect(expression.startsWith(`${hosts} and `)).toBe(true);
    }
  });

  it("fronts every stack with a proxied record and purges it on release", () => {
    for (const stack of each()) {
      const record = findResource(
        stack.resources,
        "cloudflare:index/dnsRecord:DnsRecord",
        "edge-record",
      );
      const lb = findResource(stack.resources, "aws:lb/loadBalancer:LoadBalancer", "app-lb-alb");
      expect(record.inputs).toMatchObject({
        proxied: true,
        content: lb.outputs.dnsName,
        name: stack.spec.values.hostname,
      });
      const purge = findResource(
        stack.resources,
        "pulumi-nodejs:dynamic/parity:CachePurge",
        "edge-purge",
      );
      expect(purge.inputs.hostnames).toEqual([stack.spec.values.hostname]);
      expect(purge.inputs.releaseId).toBe(stack.outputs.releaseId);
    }
  });
});
