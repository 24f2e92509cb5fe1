import type { RecordedResource } from "../offline/recorder";
import { durationOf, type DurationTable, type Phase } from "./durations";
import { orderOf } from "./order";
import { checkReadiness, type ReadinessFinding, type ReadinessRule } from "./readiness";
import { schedule, type Step } from "./schedule";
import { teardownHits, type TeardownHit, type TeardownRule } from "./teardown";

/** One step of a critical path: the resource and the seconds its own step takes. */
export interface PathStep {
  /** `<type>::<name>`. */
  readonly resource: string;
  readonly seconds: number;
}

/** How long a run takes from an empty state (up) or to one (down), and what decides it. */
export interface Timeline {
  readonly seconds: number;
  readonly criticalPath: readonly PathStep[];
}

/** What a stack's tier demands of its teardown. */
export type TeardownDemand =
  /** A pull-request stack: one `pulumi destroy` removes everything, nothing is left. */
  | "goes away"
  /** Production: `pulumi destroy` must refuse. */
  | "refuses"
  /** Anything else: reported, not demanded. */
  | "reported";

/** A stack brought up from nothing and torn down again, as the engine would. */
export interface StackBringUp {
  readonly stack: string;
  readonly up: Timeline;
  readonly down: Timeline;
  readonly readiness: readonly ReadinessFinding[];
  readonly teardown: readonly TeardownHit[];
  readonly demand: TeardownDemand;
  /** What breaks the demand, each a sentence with its fix; empty when it holds. */
  readonly teardownFindings: readonly string[];
  /** Types the duration table does not list: their steps took its `unlisted` estimate. */
  readonly unlistedTypes: readonly string[];
}

function label(resource: RecordedResource): string {
  return `${resource.type}::${resource.name}`;
}

function timeline(resources: readonly RecordedResource[], steps: readonly Step[]): Timeline {
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  const seconds = new Map(steps.map((step) => [step.urn, step.seconds]));
  const run = schedule(steps);
  return {
    seconds: run.totalSeconds,
    criticalPath: run.criticalPath.map((urn) => {
      const resource = byUrn.get(urn);
      return {
        resource: resource === undefined ? urn : label(resource),
        seconds: seconds.get(urn) ?? 0,
      };
    }),
  };
}

/** The tier's demand on teardown: by the stack's tier, never by its name. */
export function teardownDemand(tier: string): TeardownDemand {
  if (tier === "preview") return "goes away";
  if (tier === "production") return "refuses";
  return "reported";
}

function demandFindings(
  stack: string,
  demand: TeardownDemand,
  hits: readonly TeardownHit[],
): string[] {
  if (demand === "goes away") {
    return hits.map(
      (hit) =>
        `${stack} must go away in one \`pulumi destroy\`, but ${hit.resource} ${hit.effect === "blocks" ? "stops it" : "outlives it"}: ${hit.why}. Fix: ${hit.fix}.`,
    );
  }
  if (demand === "refuses" && !hits.some((hit) => hit.effect === "blocks" && hit.guard)) {
    return [
      `${stack} would go away in one \`pulumi destroy\`: nothing in it is protected (only what still holds objects could stop it, until emptied). Fix: protect its data (protect and deletion protection on the database) in this tier.`,
    ];
  }
  return [];
}

/**
 * Brings a stack's resources up from an empty state and tears them down again, in the engine's
 * order: up, each resource once everything it waits for exists; down, each once everything that
 * waits for it is gone (retained resources are not deleted). Checks the readiness rules and the
 * teardown rules, and what the tier demands of teardown.
 */
export function stackBringUp(options: {
  readonly stack: string;
  readonly tier: string;
  readonly resources: readonly RecordedResource[];
  readonly durations: DurationTable;
  readonly readinessRules: readonly ReadinessRule[];
  readonly teardownRules: readonly TeardownRule[];
}): StackBringUp {
  const { resources, durations } = options;
  const order = orderOf(resources);
  const unlisted = new Set<string>();
  const seconds = (resource: RecordedResource, phase: Phase) => {
    const duration = durationOf(durations, resource, phase);
    if (!duration.listed) unlisted.add(resource.type);
    return duration.seconds;
  };
  const dependents = new Map<string, string[]>(resources.map((r) => [r.urn, []]));
  for (const [urn, after] of order) {
    for (const earlier of after) dependents.get(earlier)?.push(urn);
  }
  const up = resources.map((r) => ({
    urn: r.urn,
    after: order.get(r.urn) ?? [],
    seconds: seconds(r, "create"),
  }));
  const down = resources.map((r) => ({
    urn: r.urn,
    after: dependents.get(r.urn) ?? [],
    seconds: r.retainOnDelete ? 0 : seconds(r, "delete"),
  }));
  const hits = teardownHits(resources, options.teardownRules);
  const demand = teardownDemand(options.tier);
  return {
    stack: options.stack,
    up: timeline(resources, up),
    down: timeline(resources, down),
    readiness: checkReadiness(resources, options.readinessRules),
    teardown: hits,
    demand,
    teardownFindings: demandFindings(options.stack, demand, hits),
    unlistedTypes: [...unlisted].sort(),
  };
}
