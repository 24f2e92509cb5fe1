import { integer, matching } from "../field-rule";

/**
 * Rules of `LoadBalancerArgs` fields: the validator checks each of these args with its rule,
 * and the config loader declares the key that feeds one, if any, with the same rule object.
 */
export const LOAD_BALANCER_FIELDS = {
  targetPort: integer(1, 65535),
  healthCheckPath: matching(
    /^\/\S*$/,
    'a URL path starting with "/" and without spaces, such as "/healthz"',
  ),
} as const;
