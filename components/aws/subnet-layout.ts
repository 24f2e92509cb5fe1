import { matching } from "../field-rule";

/** Most zones a network spans: public subnets take /20 slots 0–5, private ones 8–13. */
export const MAX_ZONES = 6;
const PRIVATE_OFFSET = 8;

const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

/** The range of a VPC: a /16 of the private IPv4 ranges (RFC 1918), cut into /20 subnets. */
export const VPC_CIDR_RULE = matching(
  new RegExp(`^(10\\.${OCTET}|172\\.(1[6-9]|2\\d|3[01])|192\\.168)\\.0\\.0/16$`),
  'a private /16: 10.<0-255>.0.0/16, 172.<16-31>.0.0/16 or 192.168.0.0/16, such as "10.40.0.0/16"',
);

/**
 * The /20 at `slot` (0–15) of a VPC range that {@link VPC_CIDR_RULE} allows:
 * 10.40.0.0/16, slot 2 → 10.40.32.0/20.
 */
function slice(cidr: string, slot: number): string {
  const [a, b] = cidr.split(".");
  return `${a}.${b}.${slot * 16}.0/20`;
}

/** CIDR of the public subnet in zone `zone` (0-based). */
export function publicSubnetCidr(vpcCidr: string, zone: number): string {
  return slice(vpcCidr, zone);
}

/** CIDR of the private subnet in zone `zone` (0-based). */
export function privateSubnetCidr(vpcCidr: string, zone: number): string {
  return slice(vpcCidr, PRIVATE_OFFSET + zone);
}
