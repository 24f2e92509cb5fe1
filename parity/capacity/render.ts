import type { PlanSection } from "../render/section";
import { plural } from "../render/values";
import type { CostLine } from "./cost";
import { HOURS_PER_MONTH } from "./prices";
import { QUOTAS } from "./quotas";
import type { QuotaCheck } from "./fit";
import type { CapacityReport, StackCapacity } from "./report";

/** Dollars per hour: four decimals, so cents of a cheap item still show. */
export function perHour(amount: number): string {
  return `$${amount.toFixed(4)}`;
}

/** Dollars per month: cents. */
export function perMonth(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

function showLine(l: CostLine): string {
  return `${l.item}: ${Number(l.quantity.toFixed(4))} ${l.unit} × $${l.unitPrice} per ${l.unit}-hour = ${perHour(l.hourly)}/hour`;
}

function where(check: QuotaCheck): string {
  return check.scope === "" ? check.region : `${check.region}, ${check.scope}`;
}

function samplePullRequest(report: CapacityReport): StackCapacity | undefined {
  return report.stacks.find((stack) => stack.pullRequest);
}

/**
 * What to do when a quota does not hold: raise it, or lower prStackLimit, which helps only when
 * pull-request stacks are the excess.
 */
function fix(check: QuotaCheck, report: CapacityReport): string {
  const code = (QUOTAS[check.quota] as { code?: string }).code;
  if (code === undefined) return `lower prStackLimit in ${report.configFile}`;
  const raise = `raise the quota (Service Quotas ${code}) and set quotas.${check.quota} in ${report.configFile}`;
  const alone = check.neededWithoutPullRequests + check.headroom;
  return alone > check.limit
    ? `${raise} (the committed stacks alone need ${alone})`
    : `${raise}, or lower prStackLimit`;
}

/** The need, the headroom for one replacement and the limit: "12 + 1 (one replacement) = 13 of 15". */
function need(check: QuotaCheck): string {
  const { why } = QUOTAS[check.quota].headroom;
  return `${check.needed} + ${check.headroom} (${why}) = ${check.needed + check.headroom} of ${check.limit}`;
}

/** Why a quota does not hold: over its limit, or at it with no headroom for a replacement. */
function shortfall(check: QuotaCheck): string {
  const title = `${QUOTAS[check.quota].title} (${where(check)})`;
  return check.needed <= check.limit
    ? `${title} leave no headroom: the stacks take ${check.needed} of ${check.limit} and ${QUOTAS[check.quota].headroom.why} needs ${check.headroom} more`
    : `${title} need ${need(check)}`;
}

function priceNote(report: CapacityReport): string {
  const sources = [...new Set(Object.values(report.prices.sources))].join(", ");
  return `${report.prices.currency}, ${report.prices.basis} Prices taken ${report.prices.taken} from ${sources}; they exclude ${report.prices.excludes}. A month is ${HOURS_PER_MONTH} hours.`;
}

function pullRequestLine(report: CapacityReport): string[] {
  const pr = samplePullRequest(report);
  if (pr === undefined) return [];
  const items = pr.cost.lines
    .map((l) => `${l.item} ${perHour(l.hourly)} (${Number(l.quantity.toFixed(4))} ${l.unit})`)
    .join(", ");
  return [
    `One pull-request stack (${pr.stack}) costs ${perHour(pr.cost.hourly)} per hour it exists: ${items}.`,
  ];
}

/** The unpriced-types finding: which types, where, and how to settle each. */
function unpricedLine(report: CapacityReport): string[] {
  if (report.unpriced.length === 0) return [];
  const types = report.unpriced.map((u) => `${u.type} (${u.stacks.join(", ")})`).join(", ");
  return [
    `Unpriced types: ${types} ${report.unpriced.length === 1 ? "has" : "have"} neither a price nor a "free" entry in ${report.priceTable}, so the cost above leaves ${report.unpriced.length === 1 ? "it" : "them"} out. Price each in parity/capacity/cost.ts and the table, or declare it under "free" with why it adds nothing per hour.`,
  ];
}

function verdict(report: CapacityReport): string[] {
  const over = report.quotas.filter((check) => !check.fits);
  const quotas =
    over.length === 0
      ? `Capacity fits: the committed stacks and ${report.prStackLimit} pull-request stacks (prStackLimit) fit every quota with headroom for one replacement.`
      : `Capacity exceeded: ${over.map((check) => `${shortfall(check)}; ${fix(check, report)}`).join("; ")}.`;
  return [quotas, ...unpricedLine(report)];
}

/** The capacity section of `parity plan`'s text output. */
export function renderCapacityText(report: CapacityReport): string[] {
  const lines = ["Cost per stack:"];
  for (const stack of report.stacks) {
    lines.push(
      `  ${stack.stack} (${stack.region}): ${perHour(stack.cost.hourly)}/hour, ${perMonth(stack.cost.monthly)}/month`,
    );
    for (const l of stack.cost.lines) lines.push(`      ${showLine(l)}`);
  }
  lines.push(...pullRequestLine(report).map((l) => `  ${l}`), `  (${priceNote(report)})`, "");
  lines.push(
    `Quotas for the committed stacks plus ${report.prStackLimit} pull-request stacks, with headroom for one replacement per quota and zone (${report.configFile}):`,
  );
  for (const check of report.quotas) {
    lines.push(
      `  ${check.fits ? "✓" : "✗"} ${QUOTAS[check.quota].title} (${where(check)}): ${check.sum} = ${need(check)}`,
    );
  }
  lines.push(...verdict(report));
  return lines;
}

/** The capacity section of `parity plan`'s markdown (PR comment, job summary). */
export function renderCapacityMarkdown(report: CapacityReport): string[] {
  const out = [
    `### ${report.fits ? "✅" : "❌"} Cost and capacity`,
    "",
    ...pullRequestLine(report).map((l) => `**${l}**`),
    "",
    "| Stack | Region | Per hour | Per month |",
    "|---|---|---:|---:|",
    ...report.stacks.map(
      (s) =>
        `| ${s.stack} | ${s.region} | ${perHour(s.cost.hourly)} | ${perMonth(s.cost.monthly)} |`,
    ),
    "",
    `> ${priceNote(report)}`,
    "",
    `| Quota | Where | Needed (committed stacks + ${report.prStackLimit} pull-request stacks) | Headroom | Limit | |`,
    "|---|---|---|---|---:|---|",
    ...report.quotas.map(
      (c) =>
        `| ${QUOTAS[c.quota].title} | ${where(c)} | ${c.sum} = ${c.needed} | + ${c.headroom} (${QUOTAS[c.quota].headroom.why}) | ${c.limit} | ${c.fits ? "✅" : "❌"} |`,
    ),
    "",
    ...verdict(report),
  ];
  return out;
}

/** Quotas at or above this share of their limit are flagged as near it. */
const NEAR_LIMIT = 0.8;

/** The cost and quota section of `parity plan`: the monthly cost per stack, quotas near the limit. */
export function capacitySection(report: CapacityReport): PlanSection {
  const costs = report.stacks.map((s) =>
    s.pullRequest
      ? `a pull-request stack ${perHour(s.cost.hourly)}/hour`
      : `${s.stack} ${perMonth(s.cost.monthly)}/month`,
  );
  const near = report.quotas.filter((q) => q.fits && q.needed >= q.limit * NEAR_LIMIT);
  const over = report.quotas.filter((q) => !q.fits);
  return {
    title: "Cost and quotas",
    ok: report.fits,
    summary: `${costs.join(" · ")}; ${
      over.length > 0
        ? `${plural(over.length, "quota")} exceeded`
        : near.length > 0
          ? `quotas fit, ${near.length} near the limit`
          : "quotas fit"
    }`,
    findings: [
      ...over.map((check) => `${shortfall(check)}; ${fix(check, report)}.`),
      ...unpricedLine(report),
    ],
    warnings: near.map(
      (q) =>
        `${QUOTAS[q.quota].title} (${where(q)}) at ${q.needed} of ${q.limit}: near the limit (${Math.round((q.needed / q.limit) * 100)}%).`,
    ),
    text: () => renderCapacityText(report),
    markdown: () => renderCapacityMarkdown(report),
  };
}
