import { CACHE_PURGE_MODULE, CACHE_PURGE_TYPE } from "./cache-purge";

/**
 * The Cloudflare API token permission each Cloudflare resource type the components register needs
 * (zone-scoped, as the dashboard's "Create Token" page names them). README's token list is these,
 * and a test keeps both in step with what the program registers.
 * https://developers.cloudflare.com/fundamentals/api/reference/permissions/
 */
export const TOKEN_PERMISSIONS: Readonly<Record<string, string>> = {
  "cloudflare:index/dnsRecord:DnsRecord": "Zone / DNS / Edit",
  "cloudflare:index/zoneSetting:ZoneSetting": "Zone / Zone Settings / Edit",
  "cloudflare:index/ruleset:Ruleset": "Zone / Cache Rules / Edit",
  "cloudflare:index/originCaCertificate:OriginCaCertificate": "Zone / SSL and Certificates / Edit",
  [`pulumi-nodejs:dynamic/${CACHE_PURGE_MODULE}:${CACHE_PURGE_TYPE}`]: "Zone / Cache Purge / Purge",
};
