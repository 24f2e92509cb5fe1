import { planCapacity } from "../../../parity/capacity/plan-capacity";
import { readPriceTable } from "../../../parity/capacity/prices";
import { PROJECT_DIR } from "../../helpers/temp-project";

/**
 * Hand-computed from parity/capacity/price-table.json (eu-west-1) and the committed stacks:
 * three NAT gateways, one internet-facing ALB in three zones (3 public IPv4 addresses) plus the
 * NAT gateways' three Elastic IPs, one writer and two readers.
 */
const SHARED = 3 * 0.048 + 0.0252 + 6 * 0.005; // NAT gateways, ALB, public IPv4
const STAGING = 3 * 0.302 + 0.25 * 0.04048 + 0.5 * 0.004445 + SHARED; // db.r7g.large, 1 × 256/512
const PROD = 3 * 0.302 + 3 * (1 * 0.04048 + 2 * 0.004445) + SHARED; // db.r7g.large, 3 × 1024/2048

describe("planCapacity on the committed stacks", () => {
  let report: Awaited<ReturnType<typeof planCapacity>>;
  beforeAll(async () => {
    report = await planCapacity({ projectDir: PROJECT_DIR });
  }, 120_000);

  it("prices the hand-computed values from the table it ships", () => {
    expect(readPriceTable().regions["eu-west-1"]?.auroraInstanceHour["db.r7g.large"]).toBe(0.302);
    expect(STAGING).toBeCloseTo(1.1175425, 10);
    expect(PROD).toBeCloseTo(1.25331, 10);
  });

  it.each([
    ["staging", STAGING],
    ["prod", PROD],
    ["pr-1", STAGING],
  ])("costs %s its hand-computed amount per hour and per 730-hour month", (stack, hourly) => {
    const cost = report.stacks.find((s) => s.stack === stack)?.cost;
    expect(cost?.hourly).toBeCloseTo(hourly, 10);
    expect(cost?.monthly).toBeCloseTo(hourly * 730, 8);
  });

  it("itemises prod's cost line by line", () => {
    const prod = report.stacks.find((s) => s.stack === "prod");
    expect(prod?.cost.lines.map((l) => [l.item, l.quantity, l.unit, l.unitPrice])).toEqual([
      ["Aurora db.r7g.large instances", 3, "instance", 0.302],
      ["Fargate task vCPU", 3, "vCPU", 0.04048],
      ["Fargate task memory", 6, "GB", 0.004445],
      ["NAT gateways", 3, "gateway", 0.048],
      ["Application Load Balancers", 1, "load balancer", 0.0252],
      ["Public IPv4 addresses", 6, "address", 0.005],
    ]);
  });

  it("counts each quota for staging, prod and prStackLimit pull-request stacks, with headroom", () => {
    expect(report.prStackLimit).toBe(2);
    expect(
      report.quotas.map((q) => [q.quota, q.scope, q.sum, q.needed, q.headroom, q.limit]),
    ).toEqual([
      ["elasticIps", "", "prod 3 + staging 3 + 2 × pr-1 3", 12, 1, 15],
      ["vpcs", "", "in use elsewhere 1 + prod 1 + staging 1 + 2 × pr-1 1", 5, 1, 10],
      ["natGatewaysPerZone", "eu-west-1a", "prod 1 + staging 1 + 2 × pr-1 1", 4, 1, 5],
      ["natGatewaysPerZone", "eu-west-1b", "prod 1 + staging 1 + 2 × pr-1 1", 4, 1, 5],
      ["natGatewaysPerZone", "eu-west-1c", "prod 1 + staging 1 + 2 × pr-1 1", 4, 1, 5],
      ["loadBalancers", "", "prod 1 + staging 1 + 2 × pr-1 1", 4, 1, 50],
      // prod: 12 tasks of 1 vCPU, doubled; staging and pr-1: 2 tasks of 0.25 vCPU, doubled.
      ["fargateVcpus", "", "prod 24 + staging 1 + 2 × pr-1 1", 27, 0, 30],
      // No Aurora clones: pull-request stacks restore staging's masked snapshot instead.
      [
        "securityGroupRules",
        "app-lb-sg ingress IPv4",
        "largest group: prod app-lb-sg ingress IPv4",
        30,
        1,
        60,
      ],
    ]);
    expect(report.fits).toBe(true);
  });

  it("finds every resource type the committed stacks register priced or declared free", () => {
    expect(report.unpriced).toEqual([]);
  });

  it("names the date, the source pages and what the prices leave out", () => {
    expect(report.prices.taken).toBe("2026-11-22");
    expect(report.prices.sources.natGatewayHour).toBe("https://aws.amazon.com/vpc/pricing/");
    expect(report.prices.excludes).toMatch(/^data transfer/);
  });
});
