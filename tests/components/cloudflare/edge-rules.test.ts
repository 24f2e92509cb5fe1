import {
  cacheRules,
  PINNED_ZONE_SETTINGS,
  zoneSettings,
} from "../../../components/cloudflare/edge-rules";

describe("cacheRules", () => {
  it("bypasses the cache outside the asset prefix, caches assets as immutable and never caches errors or HTML", () => {
    expect(cacheRules({ assetPathPrefix: "/static/", assetCacheTtlSeconds: 86_400 })).toEqual([
      {
        ref: "bypass_outside_assets",
        description: "Pages, HTML and API responses are never cached at the edge",
        expression: 'not starts_with(http.request.uri.path, "/static/")',
        action: "set_cache_settings",
        actionParameters: { cache: false },
        enabled: true,
      },
      {
        ref: "cache_hashed_assets",
        description: "Content-hashed assets are immutable; error responses are never cached",
        expression: 'starts_with(http.request.uri.path, "/static/")',
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
        expression:
          'starts_with(http.request.uri.path, "/static/") and http.request.uri.path.extension in {"html" "htm"}',
        action: "set_cache_settings",
        actionParameters: { cache: false },
        enabled: true,
      },
    ]);
  });

  it("gives every caller the same rules for the same options", () => {
    const options = { assetPathPrefix: "/assets/", assetCacheTtlSeconds: 31_536_000 };
    expect(cacheRules(options)).toEqual(cacheRules({ ...options }));
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
    ["server_side_exclude", "off"],
    ["replace_insecure_js", "off"],
    ["hotlink_protection", "off"],
    ["cache_level", "aggressive"],
    ["browser_cache_ttl", 0],
    ["development_mode", "off"],
    ["always_online", "off"],
    ["early_hints", "off"],
    ["brotli", "on"],
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
