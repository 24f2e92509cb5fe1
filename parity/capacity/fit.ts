import { QUOTAS, type QuotaName, type QuotaUse } from "./quotas";

/** One stack's quota use, and whether it is a pull-request stack (counted prStackLimit times). */
export interface StackQuotaUse {
  readonly stack: string;
  readonly region: string;
  readonly pullRequest: boolean;
  readonly uses: readonly QuotaUse[];
}

/** What one quota must hold in one region (and zone, source cluster or group) against its limit. */
export interface QuotaCheck {
  readonly quota: QuotaName;
  readonly region: string;
  readonly scope: string;
  /** How the need adds up, e.g. "staging 3 + prod 3 + 3 × pr-1 3". */
  readonly sum: string;
  readonly needed: number;
  readonly limit: number;
  readonly fits: boolean;
}

function key(region: string, quota: QuotaName, scope: string): string {
  return JSON.stringify([region, quota, scope]);
}

/**
 * Whether every committed stack plus `prStackLimit` pull-request stacks fit the account's quotas.
 * Regional, per-zone and per-source quotas add up over the stacks of one region; per-group quotas
 * (security-group rules) are each stack's own, so the largest group of any stack is checked.
 */
export function checkQuotas(
  stacks: readonly StackQuotaUse[],
  prStackLimit: number,
  limits: Readonly<Record<QuotaName, number>>,
  inUse: Readonly<Partial<Record<QuotaName, number>>> = {},
): QuotaCheck[] {
  const sums = new Map<
    string,
    { region: string; quota: QuotaName; scope: string; parts: string[]; needed: number }
  >();
  const checks: QuotaCheck[] = [];
  for (const stack of stacks) {
    const times = stack.pullRequest ? prStackLimit : 1;
    for (const use of stack.uses) {
      if (QUOTAS[use.quota].scope === "security group") continue;
      const k = key(stack.region, use.quota, use.scope);
      const outside = QUOTAS[use.quota].scope === "region" ? (inUse[use.quota] ?? 0) : 0;
      const sum = sums.get(k) ?? {
        region: stack.region,
        quota: use.quota,
        scope: use.scope,
        parts: outside === 0 ? [] : [`in use elsewhere ${outside}`],
        needed: outside,
      };
      sum.parts.push(
        stack.pullRequest ? `${times} × ${stack.stack} ${use.used}` : `${stack.stack} ${use.used}`,
      );
      sum.needed += times * use.used;
      sums.set(k, sum);
    }
  }
  for (const sum of sums.values()) {
    const limit = limits[sum.quota];
    checks.push({
      quota: sum.quota,
      region: sum.region,
      scope: sum.scope,
      sum: sum.parts.join(" + "),
      needed: sum.needed,
      limit,
      fits: sum.needed <= limit,
    });
  }
  const groups = stacks.flatMap((stack) =>
    stack.uses
      .filter((use) => QUOTAS[use.quota].scope === "security group")
      .map((use) => ({ stack, use })),
  );
  const largest = groups.reduce<(typeof groups)[number] | undefined>(
    (max, g) => (max === undefined || g.use.used > max.use.used ? g : max),
    undefined,
  );
  if (largest !== undefined) {
    const limit = limits.securityGroupRules;
    checks.push({
      quota: "securityGroupRules",
      region: largest.stack.region,
      scope: largest.use.scope,
      sum: `largest group: ${largest.stack.stack} ${largest.use.scope}`,
      needed: largest.use.used,
      limit,
      fits: largest.use.used <= limit,
    });
  }
  return checks;
}
