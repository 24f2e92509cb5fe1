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

/** What to do when a quota does not hold. */
function fix(check: QuotaCheck, report: CapacityReport): string {
  const code = QUOTAS[check.quota] as { code?: string };
  return code.code === undefined
    ? `lower prStackLimit in ${report.configFile}`
    : `raise the quota (Service Quotas ${code.code}) and set quotas.${check.quota} in ${report.configFile}, or lower prStackLimit`;
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

function verdict(report: CapacityReport): string {
  const over = report.quotas.filter((check) => !check.fits);
  if (over.length === 0) {
    return `Capacity fits: the committed stacks and ${report.prStackLimit} pull-request stacks (prStackLimit) fit every quota.`;
  }
  return `Capacity exceeded: ${over
    .map(
      (check) =>
        `${QUOTAS[check.quota].title} (${where(check)}) need ${check.needed} of ${check.limit}; ${fix(check, report)}`,
    )
    .join("; ")}.`;
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
    `Quotas for the committed stacks plus ${report.prStackLimit} pull-request stacks (${report.configFile}):`,
  );
  for (const check of report.quotas) {
    lines.push(
      `  ${check.fits ? "✓" : "✗"} ${QUOTAS[check.quota].title} (${where(check)}): ${check.sum} = ${check.needed} of ${check.limit}`,
    );
  }
  lines.push(verdict(report));
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
    `| Quota | Where | Needed (committed stacks + ${report.prStackLimit} pull-request stacks) | Limit | |`,
    "|---|---|---|---:|---|",
    ...report.quotas.map(
      (c) =>
        `| ${QUOTAS[c.quota].title} | ${where(c)} | ${c.sum} = ${c.needed} | ${c.limit} | ${c.fits ? "✅" : "❌"} |`,
    ),
    "",
    verdict(report),
  ];
  return out;
}
