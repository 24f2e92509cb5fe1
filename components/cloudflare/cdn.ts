import * as cloudflare from "./sdk";
import * as pulumi from "@pulumi/pulumi";
import { checkField } from "../field-rule";
import { CachePurge } from "./cache-purge";
import {
  MAX_ASSET_TTL_SECONDS,
  CACHE_SETTINGS_PHASE,
  cacheRules,
  zoneSettings,
  type MinTlsVersion,
  type PreviewHosts,
  type TlsMode,
} from "./edge-rules";
import { checkUniversalSslCovers } from "./hostname";
import { CDN_FIELDS } from "./cdn-fields";

export const CDN_TYPE = "parity:cloudflare:Cdn";

export interface CdnArgs {
  /**
   * Public hostname of the environment. It must be the zone apex or one label below it, where
   * Cloudflare's free Universal SSL certificate covers it (`pr-42-staging.example.com`, not
   * `pr-42.staging.example.com`).
   */
  hostname: string;
  /** Apex name of the Cloudflare zone that holds `hostname`, e.g. "example.com". */
  zone: string;
  /** Id of that zone (32 hex characters, on the zone's overview page in the dashboard). */
  zoneId: string;
  /** DNS name of the origin, the load balancer; the proxied record points at it. */
  origin: pulumi.Input<string>;
  /**
   * Whether this stack manages the zone-wide edge behaviour: SSL mode, minimum TLS version, the
   * pinned zone settings (`PINNED_ZONE_SETTINGS`) and the cache rules. Exactly one stack per zone may; when false none of these
   * is created and the stack relies on the owner's, which are the same rules.
   */
  ownsZoneSettings: boolean;
  /**
   * The hostnames of the pull-request stacks derived from this one (`pr-<n>-<label>.<zone>`): those
   * that start with `prefix` and end with `suffix`. The zone-wide cache rules cover them as well
   * as `hostname`, and nothing else in the zone.
   * @default undefined: the cache rules cover `hostname` only
   */
  previewHosts?: PreviewHosts;
  /**
   * Cloudflare SSL mode towards the origin. Security: only "strict" is allowed, which validates the
   * origin's certificate (the Origin CA certificate); "full" would encrypt without validating it.
   * @default "strict"
   */
  tlsMode?: TlsMode;
  /**
   * Lowest TLS version the edge accepts from visitors.
   * @default "1.2"
   */
  minTlsVersion?: MinTlsVersion;
  /**
   * URL prefix of content-hashed static assets, starting and ending with "/". Only these are
   * cached; everything else, HTML included, always reaches the origin.
   * @default "/assets/"
   */
  assetPathPrefix?: string;
  /**
   * Edge and browser lifetime of content-hashed assets, in seconds (60 to one year). Safe to keep
   * long: a changed asset gets a new name.
   * @default 31536000
   */
  assetCacheTtlSeconds?: number;
  /**
   * Identifies the release being served (an image digest). The hostname is purged from
   * Cloudflare's cache on the first deploy and whenever this changes.
   */
  releaseId: pulumi.Input<string>;
  /**
   * Cloudflare API token for the purge (Zone / Cache Purge permission). Stored as a secret.
   * @default the CLOUDFLARE_API_TOKEN environment variable when the purge runs
   */
  apiToken?: pulumi.Input<string>;
  /**
   * Resources the proxied record waits for: the origin's HTTPS listener with its certificate
   * (`ContainerService.originReady`). In strict mode Cloudflare answers 526 while the origin
   * presents no valid certificate, so the hostname goes live only once it does.
   * @default []
   */
  originReady?: pulumi.Resource[];
  /**
   * Resources the purge waits for, such as the service rollout, so the edge is emptied only once
   * the new release answers.
   * @default []
   */
  purgeAfter?: pulumi.Resource[];
}

/** {@link CdnArgs} with every default applied. */
export type ResolvedCdnArgs = CdnArgs &
  Required<Pick<CdnArgs, "tlsMode" | "minTlsVersion" | "assetPathPrefix" | "assetCacheTtlSeconds">>;

/** Applies the defaults documented on {@link CdnArgs}; the one place they live. */
function withDefaults(args: CdnArgs): ResolvedCdnArgs {
  return {
    ...args,
    tlsMode: args.tlsMode ?? "strict",
    minTlsVersion: args.minTlsVersion ?? "1.2",
    assetPathPrefix: args.assetPathPrefix ?? "/assets/",
    assetCacheTtlSeconds: args.assetCacheTtlSeconds ?? MAX_ASSET_TTL_SECONDS,
  };
}

/**
 * Validates {@link CdnArgs} and returns them with defaults applied; throws a {@link UserError}
 * that says what to change.
 */
export function validateCdnArgs(name: string, input: CdnArgs): ResolvedCdnArgs {
  const args = withDefaults(input);
  const owner = `Cdn "${name}"`;
  const fields = CDN_FIELDS;
  checkField(
    owner,
    "zoneId",
    fields.zoneId,
    args.zoneId,
    "Copy it from the zone's overview page in the Cloudflare dashboard into cloudflareZoneId.",
  );
  checkUniversalSslCovers("Cdn", name, args.hostname, args.zone);
  checkField(owner, "ownsZoneSettings", fields.ownsZoneSettings, args.ownsZoneSettings);
  if (args.previewHosts !== undefined) {
    checkField(owner, "previewHosts.prefix", fields.hostPart, args.previewHosts.prefix);
    checkField(owner, "previewHosts.suffix", fields.hostPart, args.previewHosts.suffix);
  }
  checkField(
    owner,
    "tlsMode",
    fields.tlsMode,
    args.tlsMode,
    'Only "strict" validates the origin\'s certificate; the other modes leave the hop to the origin open to interception.',
  );
  checkField(
    owner,
    "minTlsVersion",
    fields.minTlsVersion,
    args.minTlsVersion,
    "Older versions are insecure.",
  );
  checkField(
    owner,
    "assetPathPrefix",
    fields.assetPathPrefix,
    args.assetPathPrefix,
    '"/" alone would cache pages as assets.',
  );
  checkField(
    owner,
    "assetCacheTtlSeconds",
    fields.assetCacheTtlSeconds,
    args.assetCacheTtlSeconds,
    "Content-hashed assets never change, so the usual value is the maximum.",
  );
  return args;
}

/**
 * The environment's public entry point on Cloudflare: a proxied record for `hostname` pointing at
 * the origin, a purge of the hostname's cache on every release, and — in the one stack that owns
 * the zone — the zone-wide edge behaviour from `edge-rules.ts`: SSL mode, minimum TLS version,
 * every setting that rewrites, caches or secures content pinned to one value, and the cache rules
 * (HTML never cached, content-hashed assets immutable, error responses never cached). Every zone gets the same rules, so staging and pull-request stacks see
 * exactly the edge production has.
 */
export class Cdn extends pulumi.ComponentResource {
  /** `https://<hostname>`. */
  readonly url: pulumi.Output<string>;
  readonly hostname: pulumi.Output<string>;
  /** When the hostname was last purged (ISO 8601). */
  readonly purgedAt: pulumi.Output<string>;
  /** Raw children, for callers that need more than the outputs above. */
  readonly resources: {
    readonly record: cloudflare.DnsRecord;
    readonly purge: CachePurge;
    /** Empty unless `ownsZoneSettings`. */
    readonly zoneSettings: cloudflare.ZoneSetting[];
    /** Undefined unless `ownsZoneSettings`. */
    readonly cacheRules: cloudflare.Ruleset | undefined;
  };

  constructor(name: string, input: CdnArgs, opts?: pulumi.ComponentResourceOptions) {
    super(CDN_TYPE, name, {}, opts);
    const args = validateCdnArgs(name, input);
    const { tlsMode, minTlsVersion, assetPathPrefix, assetCacheTtlSeconds } = args;
    const parent = { parent: this };

    const settings = args.ownsZoneSettings
      ? zoneSettings({ tlsMode, minTlsVersion }).map(
          ({ settingId, value }) =>
            new cloudflare.ZoneSetting(
              `${name}-${settingId.replaceAll("_", "-")}`,
              { zoneId: args.zoneId, settingId, value },
              parent,
            ),
        )
      : [];
    const rules = args.ownsZoneSettings
      ? new cloudflare.Ruleset(
          `${name}-cache-rules`,
          {
            zoneId: args.zoneId,
            kind: "zone",
            phase: CACHE_SETTINGS_PHASE,
            name: "Edge cache rules",
            description: "HTML never cached; content-hashed assets immutable; errors never cached",
            rules: cacheRules({
              assetPathPrefix,
              assetCacheTtlSeconds,
              hosts: { hostname: args.hostname, previews: args.previewHosts },
            }),
          },
          parent,
        )
      : undefined;

    const record = new cloudflare.DnsRecord(
      `${name}-record`,
      {
        zoneId: args.zoneId,
        name: args.hostname,
        type: "CNAME",
        content: args.origin,
        proxied: true,
        ttl: 1,
        comment: "Proxied through Cloudflare to the origin load balancer; managed by Pulumi",
      },
      // Traffic reaches the origin only once it presents its certificate and, in the stack that
      // owns the zone, once the zone's TLS mode and settings are ours.
      { parent: this, dependsOn: [...settings, ...(args.originReady ?? [])] },
    );

    const purge = new CachePurge(
      `${name}-purge`,
      {
        zoneId: args.zoneId,
        hostnames: [args.hostname],
        releaseId: args.releaseId,
        apiToken: args.apiToken,
      },
      {
        parent: this,
        dependsOn: [
          record,
          ...settings,
          ...(rules === undefined ? [] : [rules]),
          ...(args.purgeAfter ?? []),
        ],
      },
    );

    this.hostname = pulumi.output(args.hostname);
    this.url = pulumi.output(`https://${args.hostname}`);
    this.purgedAt = purge.purgedAt;
    this.resources = { record, purge, zoneSettings: settings, cacheRules: rules };
    this.registerOutputs({ url: this.url, hostname: this.hostname, purgedAt: this.purgedAt });
  }
}
