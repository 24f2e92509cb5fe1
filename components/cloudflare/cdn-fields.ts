import { boolean, matching } from "../field-rule";
import { EDGE_RULE_FIELDS } from "./edge-rules";
import { HOSTNAME_FIELDS } from "./hostname";

/**
 * Rules of `CdnArgs` fields: the validator checks each of these args with its rule, and the
 * config loader declares the key that feeds one, if any, with the same rule object.
 */
export const CDN_FIELDS = {
  ...HOSTNAME_FIELDS,
  zoneId: matching(/^[0-9a-f]{32}$/, "a Cloudflare zone id, 32 lower-case hex characters"),
  ownsZoneSettings: boolean(),
  // A part of a hostname placed in a rule expression: DNS characters only, never a quote.
  hostPart: matching(/^[a-z0-9.-]+$/, "lower-case letters, digits, dots and hyphens"),
  ...EDGE_RULE_FIELDS,
} as const;
