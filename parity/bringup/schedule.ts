/** One resource as the engine orders it: what it waits for, and how long its own step takes. */
export interface Step {
  readonly urn: string;
  /** URNs of the resources this one's step waits for. */
  readonly after: readonly string[];
  readonly seconds: number;
}

/** When each step starts and ends, how long the whole run takes, and what decides that. */
export interface Schedule {
  /** Seconds from the start of the run until every step has ended. */
  readonly totalSeconds: number;
  readonly finish: ReadonlyMap<string, number>;
  /**
   * The chain of steps that decides the total, first to last: each waits for the one before it,
   * and the last ends when the run ends. Steps that take no time are left out.
   */
  readonly criticalPath: readonly string[];
}

/**
 * Runs the steps as the Pulumi engine does: every step starts as soon as all the steps it waits
 * for have ended, with no limit on how many run at once (`pulumi up`'s default parallelism is
 * unbounded), and takes its own seconds. A wait on a URN outside the steps is a bug in the caller;
 * so is a cycle, which the engine cannot run either.
 */
export function schedule(steps: readonly Step[]): Schedule {
  const byUrn = new Map(steps.map((step) => [step.urn, step]));
  const finish = new Map<string, number>();
  const decidedBy = new Map<string, string | undefined>();
  const visiting = new Set<string>();
  const end = (urn: string): number => {
    const known = finish.get(urn);
    if (known !== undefined) return known;
    const step = byUrn.get(urn);
    if (step === undefined) throw new Error(`schedule: a step waits for ${urn}, which is no step`);
    if (visiting.has(urn)) throw new Error(`schedule: ${urn} waits for itself through a cycle`);
    visiting.add(urn);
    let start = 0;
    let latest: string | undefined;
    for (const before of step.after) {
      const ended = end(before);
      if (latest === undefined || ended > start) {
        start = ended;
        latest = before;
      }
    }
    visiting.delete(urn);
    finish.set(urn, start + step.seconds);
    decidedBy.set(urn, latest);
    return start + step.seconds;
  };
  let last: string | undefined;
  let totalSeconds = 0;
  for (const step of steps) {
    const ended = end(step.urn);
    if (last === undefined || ended > totalSeconds) {
      totalSeconds = ended;
      last = step.urn;
    }
  }
  const criticalPath: string[] = [];
  for (let urn = last; urn !== undefined; urn = decidedBy.get(urn)) {
    if ((byUrn.get(urn)?.seconds ?? 0) > 0) criticalPath.unshift(urn);
  }
  return { totalSeconds, finish, criticalPath };
}
