import type * as cloudflare from "./sdk";
import { integer, matching, oneOf } from "../field-rule";

/** The Cloudflare ruleset phase that decides what the edge caches and for how long. */
export const CACHE_SETTINGS_PHASE = "http_request_cache_settings";

/**
 * Cloudflare SSL modes towards the origin this component allows: only "strict", which encrypts
 * the hop to the origin and validates its certificate. "full" encrypts without validating, so
 * anyone on the path could present a certificate of their own.
 */
export const TLS_MODES = ["strict"] as const;
export type TlsMode = (typeof TLS_MODES)[number];

/** Lowest TLS versions a zone may accept from visitors. */
export const MIN_TLS_VERSIONS = ["1.2", "1.3"] as const;
export type MinTlsVersion = (typeof MIN_TLS_VERSIONS)[number];

/** Longest edge and browser lifetime Cloudflare accepts for a cache rule: one year. */
export const MAX_ASSET_TTL_SECONDS = 31_536_000;
/** Shortest asset lifetime the cache rules accept: a minute. */
const MIN_ASSET_TTL_SECONDS = 60;

/** A URL path of lower-case segments that starts and ends with "/"; "/" alone is not one. */
export const ASSET_PREFIX = /^\/([a-z0-9_-]+\/)+$/;

/**
 * The rule of each edge option that stack config feeds: the components that take it check the arg
 * with it and the config loader declares the key with it.
 */
export const EDGE_RULE_FIELDS = {
  tlsMode: oneOf(TLS_MODES),
  minTlsVersion: oneOf(MIN_TLS_VERSIONS),
  assetPathPrefix: matching(
    ASSET_PREFIX,
    'a URL path of lower-case segments that starts and ends with "/", such as "/assets/"',
  ),
  assetCacheTtlSeconds: integer(MIN_ASSET_TTL_SECONDS, MAX_ASSET_TTL_SECONDS),
} as const;

/** Hostnames of pull-request stacks: those that start with `prefix` and end with `suffix`. */
export interface PreviewHosts {
  readonly prefix: string;
  readonly suffix: string;
}

/** The hostnames a zone's rules shape: the owning stack's, and its pull-request stacks'. */
export interface HostScope {
  readonly hostname: string;
  readonly previews?: PreviewHosts | undefined;
}

/**
 * The rule expression that matches the hosts of `scope` and nothing else in the zone. Uses
 * `starts_with`/`ends_with`, which every plan may use (`matches` needs a paid plan).
 */
export function hostExpression(scope: HostScope): string {
  const exact = `http.host eq "${scope.hostname}"`;
  const { previews } = scope;
  return previews === undefined
    ? exact
    : `(${exact} or (starts_with(http.host, "${previews.prefix}") and ends_with(http.host, "${previews.suffix}")))`;
}

export interface CacheRuleOptions {
  /** URL path prefix of content-hashed assets, starting and ending with `/`. */
  readonly assetPathPrefix: string;
  /** Edge and browser lifetime of a content-hashed asset, in seconds. */
  readonly assetCacheTtlSeconds: number;
  /** The hostnames the rules apply to; the rest of the zone keeps its own caching. */
  readonly hosts: HostScope;
}

export interface ZoneSettingOptions {
  readonly tlsMode: TlsMode;
  readonly minTlsVersion: MinTlsVersion;
}

/** One zone-wide setting: its Cloudflare setting id and value. */
export interface ZoneSettingValue {
  readonly settingId: string;
  readonly value: string | number;
}

/**
 * Every zone setting that rewrites, caches or secures what visitors get, pinned to one value in
 * every zone-owning stack, so two zones can never differ in a setting nobody chose (a Rocket
 * Loader left on in one zone rewrites its pages' scripts). Ids are the Cloudflare API's, as the
 * cloudflare provider v6 `ZoneSetting.settingId` takes them; the TLS mode and floor come from
 * {@link ZoneSettingOptions}.
 *
 * Not pinned: settings only paid plans may edit (`mirage`, `polish`, `webp`, `waf`,
 * `prefetch_preload`, `sort_query_string_for_cache`), because the API refuses to edit them on a
 * Free zone, where they are off; and {@link RETIRED_ZONE_SETTINGS}.
 *
 * These are zone-wide: they apply to every hostname of the zone, which is why exactly one stack
 * per zone owns them (`ownsZoneSettings`).
 */
export const PINNED_ZONE_SETTINGS: readonly ZoneSettingValue[] = [
  // Content rewriting: the edge serves exactly what the origin sent.
  { settingId: "rocket_loader", value: "off" },
  { settingId: "email_obfuscation", value: "off" },
  { settingId: "automatic_https_rewrites", value: "off" },
  { settingId: "replace_insecure_js", value: "off" },
  { settingId: "hotlink_protection", value: "off" },
  // Caching: the cache rules decide; origin headers are respected; no stale copies.
  { settingId: "cache_level", value: "aggressive" },
  { settingId: "browser_cache_ttl", value: 0 },
  { settingId: "development_mode", value: "off" },
  { settingId: "always_online", value: "off" },
  { settingId: "early_hints", value: "off" },
  // Security of the connection and of the request.
  { settingId: "always_use_https", value: "on" },
  { settingId: "tls_1_3", value: "on" },
  { settingId: "0rtt", value: "off" },
  { settingId: "opportunistic_encryption", value: "on" },
  { settingId: "tls_client_auth", value: "off" },
  { settingId: "browser_check", value: "on" },
  { settingId: "security_level", value: "medium" },
];

/**
 * Zone settings Cloudflare retired: their API endpoints ended in 2024 (Brotli is always on, and
 * Server-side Excludes was removed), so writing them fails. Never pin these
 * (https://developers.cloudflare.com/fundamentals/api/reference/deprecations/).
 */
export const RETIRED_ZONE_SETTINGS: readonly string[] = ["brotli", "server_side_exclude"];

/** In Cloudflare's status-code TTLs, -1 means `no-store`: the response is never cached. */
const NO_STORE = -1;

/**
 * The zone's cache rules, in order (for the same setting a later matching rule wins), each only
 * for the hosts of `options.hosts`, so the rest of the zone (an apex site, `www`) keeps its own:
 * 1. everything outside the asset prefix — pages, HTML, API responses — bypasses the edge cache,
 *    so a deploy is visible on the next request;
 * 2. content-hashed assets are cached at the edge and in browsers for the full lifetime
 *    regardless of origin headers, but an error response (a missing asset, an origin failure)
 *    is never stored, so it cannot outlive the fix;
 * 3. HTML under the asset prefix is never cached either, so a page can never be stored under an
 *    asset's URL.
 */
export function cacheRules(options: CacheRuleOptions): cloudflare.types.input.RulesetRule[] {
  const hosts = hostExpression(options.hosts);
  const inAssets = `starts_with(http.request.uri.path, "${options.assetPathPrefix}")`;
  const ttl = options.assetCacheTtlSeconds;
  return [
    {
      ref: "bypass_outside_assets",
      description: "Pages, HTML and API responses are never cached at the edge",
      expression: `${hosts} and not ${inAssets}`,
      action: "set_cache_settings",
      actionParameters: { cache: false },
      enabled: true,
    },
    {
      ref: "cache_hashed_assets",
      description: "Content-hashed assets are immutable; error responses are never cached",
      expression: `${hosts} and ${inAssets}`,
      action: "set_cache_settings",
      actionParameters: {
        cache: true,
        edgeTtl: {
          mode: "override_origin",
          default: ttl,
          statusCodeTtls: [{ statusCodeRange: { from: 400, to: 599 }, value: NO_STORE }],
        },
        browserTtl: { mode: "override_origin", default: ttl },
      },
      enabled: true,
    },
    {
      ref: "bypass_html_in_assets",
      description: "HTML is never cached under the asset prefix",
      expression: `${hosts} and ${inAssets} and http.request.uri.path.extension in {"html" "htm"}`,
      action: "set_cache_settings",
      actionParameters: { cache: false },
      enabled: true,
    },
  ];
}

/**
 * Every zone-wide setting a zone-owning stack manages: the SSL mode towards the origin, the
 * visitor TLS floor, and {@link PINNED_ZONE_SETTINGS}.
 */
export function zoneSettings(options: ZoneSettingOptions): ZoneSettingValue[] {
  return [
    { settingId: "ssl", value: options.tlsMode },
    { settingId: "min_tls_version", value: options.minTlsVersion },
    ...PINNED_ZONE_SETTINGS,
  ];
}
