import { pullRequestNumber } from "../../stacks/spec";
import { planStacks } from "../check/plan";
import { Evaluations } from "../offline/evaluations";
import type { RecordedResource } from "../offline/recorder";
import { CAPACITY_FILE, readCapacityConfig } from "./config";
import { stackCost } from "./cost";
import { checkQuotas, type StackQuotaUse } from "./fit";
import { PRICE_TABLE, pricesOf, readPriceTable } from "./prices";
import { quotaUse } from "./quotas";
import type { CapacityReport, StackCapacity } from "./report";
import { unpricedTypes } from "./unpriced";

/**
 * Evaluates every committed stack and the sample pull-request stack offline, prices each one's
 * resources and counts its quota use, checks that the committed stacks plus prStackLimit
 * pull-request stacks fit the account's quotas (stacks/capacity.yaml) with headroom for one
 * replacement, and names every resource type the price table neither prices nor declares free.
 */
export async function planCapacity(options: {
  readonly projectDir: string;
  /** Evaluations shared with the parity check of the same plan. */
  readonly evaluations?: Evaluations;
}): Promise<CapacityReport> {
  const evaluations = options.evaluations ?? new Evaluations();
  const config = readCapacityConfig(options.projectDir);
  const { regions, free, ...prices } = readPriceTable();
  const stacks: StackCapacity[] = [];
  const uses: StackQuotaUse[] = [];
  const registered: { stack: string; resources: readonly RecordedResource[] }[] = [];
  for (const { stack, config } of planStacks(options.projectDir)) {
    const evaluated = await evaluations.evaluate({ projectDir: options.projectDir, stack, config });
    const region = evaluated.spec.values["aws:region"];
    const pullRequest = pullRequestNumber(stack) !== undefined;
    stacks.push({
      stack,
      region,
      pullRequest,
      cost: stackCost(evaluated.resources, pricesOf({ ...prices, free, regions }, region)),
    });
    registered.push({ stack, resources: evaluated.resources });
    uses.push({ stack, region, pullRequest, uses: quotaUse(evaluated.resources) });
  }
  const quotas = checkQuotas(uses, config.prStackLimit, config.limits, config.inUse);
  const unpriced = unpricedTypes(registered, free);
  return {
    configFile: CAPACITY_FILE,
    prStackLimit: config.prStackLimit,
    prices,
    priceTable: PRICE_TABLE,
    stacks,
    quotas,
    unpriced,
    fits: quotas.every((check) => check.fits) && unpriced.length === 0,
  };
}
