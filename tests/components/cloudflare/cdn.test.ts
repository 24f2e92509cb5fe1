import * as cloudflare from "../../../components/cloudflare/sdk";
import { Cdn, CDN_TYPE, validateCdnArgs, type CdnArgs } from "../../../components/cloudflare/cdn";
import { zoneSettings } from "../../../components/cloudflare/edge-rules";
import type { RecordedResource } from "../../../parity/offline/recorder";
import { childProblems, findResource, ofType } from "../../helpers/graph";
import { runComponent } from "../../helpers/mock-run";

const RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const SETTING = "cloudflare:index/zoneSetting:ZoneSetting";
const RULESET = "cloudflare:index/ruleset:Ruleset";
const PURGE = "pulumi-nodejs:dynamic/parity:CachePurge";
const ZONE_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
/** The cache rules match only the stack's own hostname (its ARGS, no preview hosts). */
const HOST = 'http.host eq "staging.parity-stack.dev"';
const ORIGIN = "parity-staging-alb-1234567890.eu-west-1.elb.amazonaws.com";

const ARGS: CdnArgs = {
  hostname: "staging.parity-stack.dev",
  zone: "parity-stack.dev",
  zoneId: ZONE_ID,
  origin: ORIGIN,
  ownsZoneSettings: true,
  releaseId: "sha256:4f1c2a7e9b0d3c5e",
  apiToken: "cf-test-token",
};

function run(args: Partial<CdnArgs> = {}) {
  return runComponent(() => {
    const provider = new cloudflare.Provider("cloudflare", {});
    const cdn = new Cdn("edge", { ...ARGS, ...args }, { providers: [provider] });
    return { url: cdn.url, hostname: cdn.hostname, purgedAt: cdn.purgedAt };
  });
}

describe("Cdn", () => {
  let resources: readonly RecordedResource[];
  let outputs: unknown;

  beforeAll(async () => {
    ({ resources, outputs } = await run());
  });

  it("registers a proxied CNAME for the hostname that points at the origin", () => {
    expect(findResource(resources, RECORD, "edge-record").inputs).toEqual({
      zoneId: ZONE_ID,
      name: "staging.parity-stack.dev",
      type: "CNAME",
      content: ORIGIN,
      proxied: true,
      ttl: 1,
      comment: "Proxied through Cloudflare to the origin load balancer; managed by Pulumi",
    });
  });

  it.each<[string, string, string | number]>([
    ["edge-ssl", "ssl", "strict"],
    ["edge-min-tls-version", "min_tls_version", "1.2"],
    ["edge-always-use-https", "always_use_https", "on"],
    ["edge-rocket-loader", "rocket_loader", "off"],
    ["edge-email-obfuscation", "email_obfuscation", "off"],
    ["edge-automatic-https-rewrites", "automatic_https_rewrites", "off"],
    ["edge-browser-cache-ttl", "browser_cache_ttl", 0],
    ["edge-development-mode", "development_mode", "off"],
    ["edge-tls-1-3", "tls_1_3", "on"],
  ])("sets the zone setting %s: %s = %s", (name, settingId, value) => {
    expect(findResource(resources, SETTING, name).inputs).toEqual({
      zoneId: ZONE_ID,
      settingId,
      value,
    });
  });

  it("pins every declared zone setting once, each named for its setting id", () => {
    const byName = (a: [string, unknown], b: [string, unknown]) => a[0].localeCompare(b[0]);
    const expected = zoneSettings({ tlsMode: "strict", minTlsVersion: "1.2" }).map(
      ({ settingId, value }): [string, unknown] => [
        `edge-${settingId.replaceAll("_", "-")}`,
        { zoneId: ZONE_ID, settingId, value },
      ],
    );
    expect(
      ofType(resources, SETTING)
        .map((setting): [string, unknown] => [setting.name, setting.inputs])
        .sort(byName),
    ).toEqual(expected.sort(byName));
  });

  it("creates the cache ruleset when the zone has none to adopt", () => {
    expect(findResource(resources, RULESET, "edge-cache-rules").importId).toBeUndefined();
  });

  it("registers one cache-settings ruleset with the exact edge rules", () => {
    const [ruleset, ...others] = ofType(resources, RULESET);
    expect(others).toEqual([]);
    expect(ruleset?.name).toBe("edge-cache-rules");
    expect(ruleset?.inputs).toMatchObject({
      zoneId: ZONE_ID,
      kind: "zone",
      phase: "http_request_cache_settings",
    });
    const rules = ruleset?.inputs.rules as Record<string, unknown>[];
    expect(rules.map((rule) => [rule.expression, rule.action, rule.actionParameters])).toEqual([
      [
        `${HOST} and not starts_with(http.request.uri.path, "/assets/")`,
        "set_cache_settings",
        { cache: false },
      ],
      [
        `${HOST} and starts_with(http.request.uri.path, "/assets/")`,
        "set_cache_settings",
        {
          cache: true,
          edgeTtl: {
            mode: "override_origin",
            default: 31_536_000,
            statusCodeTtls: [{ statusCodeRange: { from: 400, to: 599 }, value: -1 }],
          },
          browserTtl: { mode: "override_origin", default: 31_536_000 },
        },
      ],
      [
        `${HOST} and starts_with(http.request.uri.path, "/assets/") and http.request.uri.path.extension in {"html" "htm"}`,
        "set_cache_settings",
        { cache: false },
      ],
    ]);
  });

  it("purges the hostname for the release, with the token as a secret", () => {
    const purge = findResource(resources, PURGE, "edge-purge");
    expect(purge.inputs).toMatchObject({
      zoneId: ZONE_ID,
      hostnames: ["staging.parity-stack.dev"],
      releaseId: "sha256:4f1c2a7e9b0d3c5e",
      apiToken: "[secret]",
    });
  });

  it("purges only after the record and the zone's edge rules are in place", () => {
    const purge = findResource(resources, PURGE, "edge-purge");
    const after = [
      findResource(resources, RECORD, "edge-record"),
      ...ofType(resources, SETTING),
      findResource(resources, RULESET, "edge-cache-rules"),
    ].map((resource) => resource.urn);
    expect([...purge.dependencies].sort()).toEqual([...after].sort());
  });

  it("exports the URL, the hostname and when it was purged", () => {
    expect(outputs).toEqual({
      url: "https://staging.parity-stack.dev",
      hostname: "staging.parity-stack.dev",
      purgedAt: "2026-01-15T09:30:00.000Z",
    });
  });

  it("names and parents every child from the component", () => {
    expect(childProblems(resources, CDN_TYPE)).toEqual([]);
  });
});

describe("Cdn that does not own the zone's edge settings", () => {
  let resources: readonly RecordedResource[];

  beforeAll(async () => {
    ({ resources } = await run({
      hostname: "pr-42-staging.parity-stack.dev",
      ownsZoneSettings: false,
      apiToken: undefined,
    }));
  });

  it("registers no zone settings and no ruleset", () => {
    expect(ofType(resources, SETTING)).toEqual([]);
    expect(ofType(resources, RULESET)).toEqual([]);
  });

  it("still registers its proxied record and the purge of its hostname", () => {
    expect(findResource(resources, RECORD, "edge-record").inputs).toMatchObject({
      name: "pr-42-staging.parity-stack.dev",
      content: ORIGIN,
      proxied: true,
    });
    const purge = findResource(resources, PURGE, "edge-purge");
    expect(purge.inputs).toMatchObject({ hostnames: ["pr-42-staging.parity-stack.dev"] });
    expect(purge.inputs).not.toHaveProperty("apiToken");
  });

  it("names and parents every child from the component", () => {
    expect(childProblems(resources, CDN_TYPE)).toEqual([]);
  });
});

describe("validateCdnArgs", () => {
  it("accepts the staging arguments", () => {
    expect(() => {
      validateCdnArgs("edge", ARGS);
    }).not.toThrow();
  });

  it.each<[string, Partial<CdnArgs>, string]>([
    [
      "a missing zone id",
      { zoneId: "" },
      'Cdn "edge": `zoneId` must be a Cloudflare zone id, 32 lower-case hex characters (got ""). Copy it from the zone\'s overview page in the Cloudflare dashboard into cloudflareZoneId.',
    ],
    [
      "a hostname outside the zone",
      { hostname: "staging.example.com" },
      'Cdn "edge": `hostname` "staging.example.com" is not in Cloudflare zone "parity-stack.dev". Use a hostname that is "parity-stack.dev" or ends in ".parity-stack.dev", or set cloudflareZone to the zone that holds it.',
    ],
    [
      "a hostname two labels below the apex",
      { hostname: "pr-7.staging.parity-stack.dev" },
      'Cdn "edge": `hostname` "pr-7.staging.parity-stack.dev" is 2 labels below zone "parity-stack.dev", but Cloudflare\'s Universal SSL certificate covers only "parity-stack.dev" and "*.parity-stack.dev". Use one label below the zone, such as "pr-7-staging.parity-stack.dev" (the pr-<n>-<base> form for pull-request stacks).',
    ],
    [
      "an SSL mode that does not encrypt the origin hop",
      { tlsMode: "flexible" as CdnArgs["tlsMode"] },
      'Cdn "edge": `tlsMode` must be one of "strict" (got "flexible"). Only "strict" validates the origin\'s certificate; the other modes leave the hop to the origin open to interception.',
    ],
    [
      "a preview host pattern that could break out of the rule expression",
      { previewHosts: { prefix: "pr-", suffix: '" or true or "' } },
      'Cdn "edge": `previewHosts.suffix` must be lower-case letters, digits, dots and hyphens (got "" or true or "").',
    ],
    [
      "an outdated TLS floor",
      { minTlsVersion: "1.0" as CdnArgs["minTlsVersion"] },
      'Cdn "edge": `minTlsVersion` must be one of "1.2", "1.3" (got "1.0"). Older versions are insecure.',
    ],
    [
      "an asset prefix that covers every page",
      { assetPathPrefix: "/" },
      'Cdn "edge": `assetPathPrefix` must be a URL path of lower-case segments that starts and ends with "/", such as "/assets/" (got "/"). "/" alone would cache pages as assets.',
    ],
    [
      "an asset lifetime beyond a year",
      { assetCacheTtlSeconds: 63_072_000 },
      'Cdn "edge": `assetCacheTtlSeconds` must be an integer from 60 to 31536000 (got 63072000). Content-hashed assets never change, so the usual value is the maximum.',
    ],
  ])("refuses %s", (_case, args, message) => {
    expect(() => {
      validateCdnArgs("edge", { ...ARGS, ...args });
    }).toThrow(message);
  });
});
