import { parseRanges, type Cidr } from "./cidr";
import published from "./cloudflare-ranges.json";

/** The ranges Cloudflare's edge connects to origins from (./cloudflare-ranges.json). */
export const CLOUDFLARE_RANGES: readonly Cidr[] = parseRanges([
  ...published.ipv4,
  ...published.ipv6,
]);
