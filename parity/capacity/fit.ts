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
  /** What the committed stacks and what is in use elsewhere need alone: no prStackLimit lowers it. */
  readonly neededWithoutPullRequests: number;
  /** What one replacement needs on top of `needed` for a while ({@link QUOTAS}' headroom). */
  readonly headroom: number;
  readonly limit: number;
  /** The need and the headroom fit the limit. */
  readonly fits: boolean;
}

function key(region: string, quota: QuotaName, scope: string): string {
  return JSON.stringify([region, quota, scope]);
}

function check(
  quota: QuotaName,
  at: { region: string; scope: string; sum: string },
  needed: number,
  neededWithoutPullRequests: number,
  limit: number,
): QuotaCheck {
  const headroom = QUOTAS[quota].headroom.amount;
  return {
    quota,
    ...at,
    needed,
    neededWithoutPullRequests,
    headroom,
    limit,
    fits: needed + headroom <= limit,
  };
}

/**
 * Whether every committed stack plus `prStackLimit` pull-request stacks fit the account's quotas
 * with each quota's headroom for one replacement left over. Regional, per-zone and per-source
 * quotas add up over the stacks of one region; per-group quotas (security-group rules) are each
 * stack's own, so the largest group of any stack is checked.
 */
export function checkQuotas(
  stacks: readonly StackQuotaUse[],
  prStackLimit: number,
  limits: Readonly<Record<QuotaName, number>>,
  inUse: Readonly<Partial<Record<QuotaName, number>>> = {},
): QuotaCheck[] {
  const sums = new Map<
    string,
    {
      region: string;
      quota: QuotaName;
      scope: string;
      parts: string[];
      needed: number;
      withoutPullRequests: number;
    }
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
        withoutPullRequests: outside,
      };
      sum.parts.push(
        stack.pullRequest ? `${times} × ${stack.stack} ${use.used}` : `${stack.stack} ${use.used}`,
      );
      sum.needed += times * use.used;
      if (!stack.pullRequest) sum.withoutPullRequests += use.used;
      sums.set(k, sum);
    }
  }
  for (const sum of sums.values()) {
    checks.push(
      check(
        sum.quota,
        { region: sum.region, scope: sum.scope, sum: sum.parts.join(" + ") },
        sum.needed,
        sum.withoutPullRequests,
        limits[sum.quota],
      ),
    );
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
    // Each group's rules are its own: no number of pull-request stacks changes the largest one.
    checks.push(
      check(
        "securityGroupRules",
        {
          region: largest.stack.region,
          scope: largest.use.scope,
          sum: `largest group: ${largest.stack.stack} ${largest.use.scope}`,
        },
        largest.use.used,
        largest.use.used,
        limits.securityGroupRules,
      ),
    );
  }
  return checks;
}
