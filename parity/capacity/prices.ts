import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { UserError } from "../../components/errors";
import { firstIssue } from "../zod-issue";

/** The price table shipped with the tool, relative to the tool's root, as findings name it. */
export const PRICE_TABLE = "parity/capacity/price-table.json";

/** The price table shipped with the tool: what it costs, where the prices came from, and when. */
export const PRICES_FILE = path.resolve(__dirname, "../..", PRICE_TABLE);

/** AWS bills a month as 730 hours. */
export const HOURS_PER_MONTH = 730;

const price = z.number().nonnegative();

const regionPrices = z.strictObject({
  auroraInstanceHour: z.record(z.string().regex(/^db\./), price),
  auroraServerlessAcuHour: price,
  fargateVcpuHour: price,
  fargateGbHour: price,
  natGatewayHour: price,
  applicationLoadBalancerHour: price,
  publicIpv4Hour: price,
});

export type RegionPrices = z.infer<typeof regionPrices>;

const priceTable = z.strictObject({
  currency: z.literal("USD"),
  taken: z.iso.date(),
  basis: z.string().min(1),
  excludes: z.string().min(1),
  sources: z.record(z.enum(Object.keys(regionPrices.shape) as [string, ...string[]]), z.url()),
  /**
   * Resource types that add nothing to the hourly estimate, each with why: no charge of its own,
   * or a charge the table excludes. A type neither priced nor listed here is a finding.
   */
  free: z.record(z.string().regex(/^[^:\s]+:[^:\s]+:[^:\s]+$/), z.string().min(1)),
  regions: z.record(z.string(), regionPrices),
});

export type PriceTable = z.infer<typeof priceTable>;

/** Reads and checks a price table (by default the shipped one). */
export function readPriceTable(file = PRICES_FILE): PriceTable {
  const parsed = priceTable.safeParse(JSON.parse(readFileSync(file, "utf8")) as unknown);
  if (!parsed.success) {
    throw new UserError(`${file}: not a price table (${firstIssue(parsed.error)}).`);
  }
  return parsed.data;
}

/** The prices of `region`, or an error saying which regions the table has and how to add one. */
export function pricesOf(table: PriceTable, region: string, file = PRICES_FILE): RegionPrices {
  const prices = table.regions[region];
  if (prices === undefined) {
    throw new UserError(
      `${file} has no prices for ${region} (it has ${Object.keys(table.regions).join(", ")}). Add them from the pages under "sources" and update "taken".`,
    );
  }
  return prices;
}
