import type { StackCost } from "./cost";
import type { QuotaCheck } from "./fit";
import type { PriceTable } from "./prices";

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
  readonly prices: Omit<PriceTable, "regions">;
  readonly stacks: readonly StackCapacity[];
  readonly quotas: readonly QuotaCheck[];
  /** Every quota holds staging, prod and prStackLimit pull-request stacks. */
  readonly fits: boolean;
}
