import { parseRanges, type Cidr } from "./cidr";
import published from "./cloudflare-published-ranges.json";

/** The ranges Cloudflare's edge connects to origins from (./cloudflare-published-ranges.json). */
export const CLOUDFLARE_RANGES: readonly Cidr[] = parseRanges([
  ...published.ipv4,
  ...published.ipv6,
]);
