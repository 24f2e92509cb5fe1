import * as cloudflare from "../../../components/cloudflare/sdk";
import * as pulumi from "@pulumi/pulumi";
import path from "node:path";
import { Cdn } from "../../../components/cloudflare/cdn";
import { zoneSettings } from "../../../components/cloudflare/edge-rules";
import { OriginCertificate } from "../../../components/cloudflare/origin-certificate";
import { cliConfig, runUnderMocks } from "../../../parity/offline/evaluate";
import type { RecordedResource } from "../../../parity/offline/recorder";
import { loadSpec } from "../../../stacks/loader";
import { findResource, ofType } from "../../helpers/graph";
import { StrictMocks } from "../../helpers/strict-mocks";

const PROJECT_DIR = path.resolve(__dirname, "../../..");
const RULESET = "cloudflare:index/ruleset:Ruleset";
const SETTING = "cloudflare:index/zoneSetting:ZoneSetting";
const RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const PURGE = "pulumi-nodejs:dynamic/parity:CachePurge";

/** The CDN part of a committed stack, composed from its spec as the program composes it. */
async function evaluateEdge(stack: string): Promise<readonly RecordedResource[]> {
  const { config, secretKeys } = cliConfig(PROJECT_DIR, stack);
  const spec = loadSpec({ projectDir: PROJECT_DIR, stack, config });
  const { values } = spec;
  const run = await runUnderMocks(
    pulumi,
    { project: spec.project, stack, config, secretKeys },
    () => {
      const provider = new cloudflare.Provider("cloudflare", {});
      const opts = { providers: [provider] };
      new OriginCertificate(
        "origin",
        { hostname: values.hostname, zone: values.cloudflareZone },
        opts,
      );
      return new Cdn(
        "cdn",
        {
          hostname: values.hostname,
          zone: values.cloudflareZone,
          zoneId: values.cloudflareZoneId,
          origin: `parity-${stack}-alb-1234567890.eu-west-1.elb.amazonaws.com`,
          ownsZoneSettings: values.ownsZoneSettings,
          tlsMode: values.tlsMode,
          minTlsVersion: values.minTlsVersion,
          assetPathPrefix: values.assetPathPrefix,
          assetCacheTtlSeconds: values.assetCacheTtlSeconds,
          releaseId: "sha256:4f1c2a7e9b0d3c5e6f8a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f506",
          apiToken: values["cloudflare:apiToken"],
        },
        opts,
      ).url;
    },
    { mocks: new StrictMocks(stack) },
  );
  return run.resources;
}

/**
 * The zone-wide edge behaviour of a stack, without the zone it applies to and with its own
 * hostname (which the cache rules are scoped to) as `{hostname}`.
 */
function edgeBehaviour(resources: readonly RecordedResource[]) {
  const hostname = String(ofType(resources, RECORD)[0]?.inputs.name);
  const withoutZone = (inputs: Readonly<Record<string, unknown>>) =>
    JSON.parse(
      JSON.stringify(
        Object.fromEntries(Object.entries(inputs).filter(([key]) => key !== "zoneId")),
      ).replaceAll(hostname, "{hostname}"),
    ) as Record<string, unknown>;
  return {
    rulesets: ofType(resources, RULESET).map((r) => withoutZone(r.inputs)),
    settings: ofType(resources, SETTING).map((r) => withoutZone(r.inputs)),
  };
}

describe("the CDN of the committed stacks", () => {
  const stacks: Record<string, readonly RecordedResource[]> = {};

  beforeAll(async () => {
    for (const stack of ["staging", "prod", "pr-7"]) {
      stacks[stack] = await evaluateEdge(stack);
    }
  });

  function resourcesOf(stack: string): readonly RecordedResource[] {
    const resources = stacks[stack];
    if (resources === undefined) throw new Error(`${stack} was not evaluated`);
    return resources;
  }

  it("gives staging and production the same edge rules and zone settings", () => {
    const staging = edgeBehaviour(resourcesOf("staging"));
    expect(staging.rulesets).toHaveLength(1);
    const ids = (settings: readonly { settingId?: unknown }[]) =>
      settings.map((setting) => String(setting.settingId)).sort();
    expect(ids(staging.settings)).toEqual(
      ids(zoneSettings({ tlsMode: "strict", minTlsVersion: "1.2" })),
    );
    expect(edgeBehaviour(resourcesOf("prod"))).toEqual(staging);
  });

  it("applies each stack's rules to its own zone", () => {
    expect(findResource(resourcesOf("staging"), RULESET, "cdn-cache-rules").inputs.zoneId).toBe(
      "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    );
    expect(findResource(resourcesOf("prod"), RULESET, "cdn-cache-rules").inputs.zoneId).toBe(
      "8a7b6c5d4e3f20111213141516171819",
    );
  });

  it.each([
    ["staging", "staging.parity-stack.dev"],
    ["prod", "app.parity-stack.io"],
    ["pr-7", "pr-7-staging.parity-stack.dev"],
  ])("gives %s a proxied record and a purge keyed to the release for %s", (stack, hostname) => {
    const resources = resourcesOf(stack);
    expect(findResource(resources, RECORD, "cdn-record").inputs).toMatchObject({
      name: hostname,
      proxied: true,
    });
    expect(findResource(resources, PURGE, "cdn-purge").inputs).toMatchObject({
      hostnames: [hostname],
      releaseId: "sha256:4f1c2a7e9b0d3c5e6f8a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f506",
    });
  });

  it("leaves the zone's rulesets and settings to staging in a pull-request stack", () => {
    expect(edgeBehaviour(resourcesOf("pr-7"))).toEqual({ rulesets: [], settings: [] });
  });
});
