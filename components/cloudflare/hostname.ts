import { check } from "../errors";
import { checkField, matching } from "../field-rule";

/** A lower-case, fully qualified DNS name. */
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * The rules of a hostname and the Cloudflare zone that holds it, for every component that takes
 * them; the config loader declares the keys with them.
 */
export const HOSTNAME_FIELDS = {
  hostname: matching(DNS_NAME, 'a lower-case DNS name such as "app.example.com"'),
  zone: matching(
    DNS_NAME,
    'the apex of a Cloudflare zone, a lower-case DNS name such as "example.com"',
  ),
} as const;

/** Labels below a zone's apex that Cloudflare's Universal SSL certificate covers (`*.zone`). */
export const UNIVERSAL_SSL_DEPTH = 1;

/**
 * How many labels `hostname` is below the apex `zone` (0 for the apex itself), or undefined when
 * it is not in the zone.
 */
export function depthInZone(hostname: string, zone: string): number | undefined {
  if (hostname === zone) return 0;
  if (!hostname.endsWith(`.${zone}`)) return undefined;
  return labelsAboveApex(hostname, zone).length;
}

/** The labels of `hostname` in front of `.zone`, leftmost first (`a.b.example.com` → a, b). */
function labelsAboveApex(hostname: string, zone: string): string[] {
  return hostname.slice(0, -zone.length - 1).split(".");
}

/**
 * Checks that `hostname` is a DNS name inside Cloudflare zone `zone` (the zone's apex or a name
 * below it) and returns how many labels below the apex it is: 0 for the apex itself.
 * `component` and `name` only phrase the error, e.g. `Cdn "main"`.
 */
export function labelsBelowZone(
  component: string,
  name: string,
  hostname: string,
  zone: string,
): number {
  const owner = `${component} "${name}"`;
  checkField(
    owner,
    "zone",
    HOSTNAME_FIELDS.zone,
    zone,
    "Set cloudflareZone to the zone's name as the Cloudflare dashboard shows it.",
  );
  checkField(
    owner,
    "hostname",
    HOSTNAME_FIELDS.hostname,
    hostname,
    `In zone "${zone}", for example "app.${zone}".`,
  );
  const depth = depthInZone(hostname, zone);
  check(
    depth !== undefined,
    () =>
      `${owner}: \`hostname\` "${hostname}" is not in Cloudflare zone "${zone}". Use a hostname that is "${zone}" or ends in ".${zone}", or set cloudflareZone to the zone that holds it.`,
  );
  return depth;
}

/**
 * Checks that Cloudflare's Universal SSL edge certificate, which covers the apex and one label
 * below it (`zone`, `*.zone`), covers `hostname`. A deeper name would be proxied with no valid
 * certificate, so visitors would get a TLS error.
 */
export function checkUniversalSslCovers(
  component: string,
  name: string,
  hostname: string,
  zone: string,
): void {
  const depth = labelsBelowZone(component, name, hostname, zone);
  check(depth <= UNIVERSAL_SSL_DEPTH, () => {
    const single = labelsAboveApex(hostname, zone).join("-");
    return `${component} "${name}": \`hostname\` "${hostname}" is ${depth} labels below zone "${zone}", but Cloudflare's Universal SSL certificate covers only "${zone}" and "*.${zone}". Use one label below the zone, such as "${single}.${zone}" (the pr-<n>-<base> form for pull-request stacks).`;
  });
}
