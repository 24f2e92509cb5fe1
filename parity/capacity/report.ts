import type { StackCost } from "./cost";
import type { QuotaCheck } from "./fit";
import type { PriceTable } from "./prices";
import type { UnpricedType } from "./unpriced";

/** One evaluated stack's cost. */
export interface StackCapacity {
  readonly stack: string;
  readonly region: string;
  /** A pull-request stack: the account holds up to prStackLimit of them. */
  readonly pullRequest: boolean;
  readonly cost: StackCost;
}

/** What the stacks cost and whether they fit the account's quotas, as `parity plan` reports it. */
export interface CapacityReport {
  /** The file prStackLimit and raised quotas come from. */
  readonly configFile: string;
  readonly prStackLimit: number;
  readonly prices: Omit<PriceTable, "regions" | "free">;
  /** The price table, relative to the tool's root: where a type is priced or declared free. */
  readonly priceTable: string;
  readonly stacks: readonly StackCapacity[];
  readonly quotas: readonly QuotaCheck[];
  /** Resource types neither priced nor declared free: their cost is unknown, not $0. */
  readonly unpriced: readonly UnpricedType[];
  /**
   * Every quota holds staging, prod and prStackLimit pull-request stacks with headroom for one
   * replacement, and every resource type is priced or declared free.
   */
  readonly fits: boolean;
}
