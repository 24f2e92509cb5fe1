import { BlockList, isIPv4, isIPv6 } from "node:net";

/** An address range in CIDR notation. */
export interface Cidr {
  readonly text: string;
  readonly address: string;
  readonly prefix: number;
  readonly family: "ipv4" | "ipv6";
}

/** `text` as a CIDR block, or undefined when it is not one. */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  const [address, prefix] = [match[1], Number(match[2])];
  if (isIPv4(address) && prefix <= 32) return { text, address, prefix, family: "ipv4" };
  if (isIPv6(address) && prefix <= 128) return { text, address, prefix, family: "ipv6" };
  return undefined;
}

/** Whether every address of `inner` is in `outer`. */
export function within(inner: Cidr, outer: Cidr): boolean {
  if (inner.family !== outer.family || inner.prefix < outer.prefix) return false;
  const list = new BlockList();
  list.addSubnet(outer.address, outer.prefix, outer.family);
  return list.check(inner.address, inner.family);
}

/** Whether every address of `cidr` is in one of `ranges`. */
export function withinAny(cidr: Cidr, ranges: readonly Cidr[]): boolean {
  return ranges.some((range) => within(cidr, range));
}

/** CIDR blocks from their text; throws on one that is not a block. */
export function parseRanges(texts: readonly string[]): Cidr[] {
  return texts.map((text) => {
    const cidr = parseCidr(text);
    if (cidr === undefined) throw new Error(`${text} is not a CIDR block`);
    return cidr;
  });
}

/**
 * Address space the internet cannot reach: RFC 1918 private networks, RFC 6598 shared space and
 * RFC 4193 unique local IPv6 addresses.
 */
export const PRIVATE_RANGES: readonly Cidr[] = parseRanges([
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
  "fc00::/7",
]);

/** Whether `text` admits addresses on the internet; a value that is no CIDR block counts as one. */
export function admitsInternet(text: string): boolean {
  const cidr = parseCidr(text);
  return cidr === undefined || !withinAny(cidr, PRIVATE_RANGES);
}
