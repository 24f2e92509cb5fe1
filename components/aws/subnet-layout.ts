import { check } from "../errors";

/** Most zones a network spans: public subnets take /20 slots 0–5, private ones 8–13. */
export const MAX_ZONES = 6;
const PRIVATE_OFFSET = 8;

function octets(cidr: string): [number, number] {
  const match = /^(\d{1,3})\.(\d{1,3})\.0\.0\/16$/.exec(cidr);
  const [a, b] = [Number(match?.[1]), Number(match?.[2])];
  check(
    match !== null && a <= 255 && b <= 255,
    () => `\`cidrBlock\` must be a /16 such as 10.40.0.0/16 (got "${cidr}").`,
  );
  return [a, b];
}

/** The /20 of a /16 VPC range at `slot` (0–15): 10.40.0.0/16, slot 2 → 10.40.32.0/20. */
function slice(cidr: string, slot: number): string {
  const [a, b] = octets(cidr);
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
