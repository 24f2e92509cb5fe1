import { integer } from "../field-rule";
import { MAX_ZONES, VPC_CIDR_RULE } from "./subnet-layout";

/**
 * Rules of `NetworkArgs` fields: the validator checks each of these args with its rule, and
 * the config loader declares the key that feeds one, if any, with the same rule object.
 */
export const NETWORK_FIELDS = {
  cidrBlock: VPC_CIDR_RULE,
  azCount: integer(2, MAX_ZONES),
} as const;
