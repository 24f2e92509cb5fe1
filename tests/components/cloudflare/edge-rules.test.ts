import { cacheRules, zoneSettings } from "../../../components/cloudflare/edge-rules";

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
  it("sets the SSL mode, the visitor TLS floor and HTTPS-only", () => {
    expect(zoneSettings({ tlsMode: "strict", minTlsVersion: "1.3" })).toEqual([
      { settingId: "ssl", value: "strict" },
      { settingId: "min_tls_version", value: "1.3" },
      { settingId: "always_use_https", value: "on" },
    ]);
  });
});
