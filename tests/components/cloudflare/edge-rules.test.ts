import {
  cacheRules,
  hostExpression,
  PINNED_ZONE_SETTINGS,
  RETIRED_ZONE_SETTINGS,
  zoneSettings,
} from "../../../components/cloudflare/edge-rules";
import { providerZoneSettings, settingKey } from "./provider-zone-settings";

describe("cacheRules", () => {
  it("bypasses the cache outside the asset prefix, caches assets as immutable and never caches errors or HTML", () => {
    const hosts = { hostname: "staging.example.com" };
    const only = 'http.host eq "staging.example.com"';
    expect(
      cacheRules({ assetPathPrefix: "/static/", assetCacheTtlSeconds: 86_400, hosts }),
    ).toEqual([
      {
        ref: "bypass_outside_assets",
        description: "Pages, HTML and API responses are never cached at the edge",
        expression: `${only} and not starts_with(http.request.uri.path, "/static/")`,
        action: "set_cache_settings",
        actionParameters: { cache: false },
        enabled: true,
      },
      {
        ref: "cache_hashed_assets",
        description: "Content-hashed assets are immutable; error responses are never cached",
        expression: `${only} and starts_with(http.request.uri.path, "/static/")`,
        action: "set_cache_settings",
        actionParameters: {
          cache: true,
          edgeTtl: {
            mode: "override_origin",
            default: 86_400,
            statusCodeTtls: [{ statusCodeRange: { from: 400, to: 599 }, value: -1 }],
          },
          browserTtl: { mode: "override_origin", default: 86_400 },
        },
        enabled: true,
      },
      {
        ref: "bypass_html_in_assets",
        description: "HTML is never cached under the asset prefix",
        expression: `${only} and starts_with(http.request.uri.path, "/static/") and http.request.uri.path.extension in {"html" "htm"}`,
        action: "set_cache_settings",
        actionParameters: { cache: false },
        enabled: true,
      },
    ]);
  });

  it("gives every caller the same rules for the same options", () => {
    const options = {
      assetPathPrefix: "/assets/",
      assetCacheTtlSeconds: 31_536_000,
      hosts: { hostname: "app.example.com" },
    };
    expect(cacheRules(options)).toEqual(cacheRules({ ...options }));
  });
});

describe("hostExpression", () => {
  it("matches the stack's hostname and its pull-request stacks' and nothing else in the zone", () => {
    expect(
      hostExpression({
        hostname: "staging.example.com",
        previews: { prefix: "pr-", suffix: "-staging.example.com" },
      }),
    ).toBe(
      '(http.host eq "staging.example.com" or (starts_with(http.host, "pr-") and ends_with(http.host, "-staging.example.com")))',
    );
  });
});

describe("zoneSettings", () => {
  it("sets the SSL mode and the visitor TLS floor, then every pinned setting", () => {
    expect(zoneSettings({ tlsMode: "strict", minTlsVersion: "1.3" })).toEqual([
      { settingId: "ssl", value: "strict" },
      { settingId: "min_tls_version", value: "1.3" },
      ...PINNED_ZONE_SETTINGS,
    ]);
  });

  it("names each setting once", () => {
    const ids = zoneSettings({ tlsMode: "strict", minTlsVersion: "1.2" }).map((s) => s.settingId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each<[string, string | number]>([
    ["rocket_loader", "off"],
    ["email_obfuscation", "off"],
    ["automatic_https_rewrites", "off"],
    ["replace_insecure_js", "off"],
    ["hotlink_protection", "off"],
    ["cache_level", "aggressive"],
    ["browser_cache_ttl", 0],
    ["development_mode", "off"],
    ["always_online", "off"],
    ["early_hints", "off"],
    ["always_use_https", "on"],
    ["tls_1_3", "on"],
    ["0rtt", "off"],
    ["opportunistic_encryption", "on"],
    ["tls_client_auth", "off"],
    ["browser_check", "on"],
    ["security_level", "medium"],
  ])("pins %s to %p in every zone-owning stack", (settingId, value) => {
    expect(PINNED_ZONE_SETTINGS).toContainEqual({ settingId, value });
  });
});

describe("the pinned zone settings against the cloudflare provider's own schema", () => {
  const schema = providerZoneSettings();

  it("reads the provider's table of setting ids", () => {
    expect(schema.size).toBeGreaterThan(50);
    expect(schema.get(settingKey("rocket_loader"))).toEqual(["on", "off"]);
  });

  it.each(
    zoneSettings({ tlsMode: "strict", minTlsVersion: "1.2" }).map(
      (s): [string, string | number] => [s.settingId, s.value],
    ),
  )("pins %s to a value Cloudflare accepts (%s)", (settingId, value) => {
    const allowed = schema.get(settingKey(settingId));
    // A setting whose table lists no string values takes a number (browser_cache_ttl).
    const accepted =
      allowed === undefined
        ? "not a setting"
        : allowed.length === 0 || allowed.includes(String(value));
    expect(accepted).toBe(true);
  });

  it("pins no setting Cloudflare retired", () => {
    const pinned = zoneSettings({ tlsMode: "strict", minTlsVersion: "1.2" }).map(
      (s) => s.settingId,
    );
    expect(pinned.filter((id) => RETIRED_ZONE_SETTINGS.includes(id))).toEqual([]);
  });
});
