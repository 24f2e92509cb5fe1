import path from "node:path";
import { z } from "zod";
import { readDataFile } from "../data-file";
import type { RecordedResource } from "../offline/recorder";
import { describeMatcher, matches, resourceMatcher, type ResourceMatcher } from "./matcher";
import { before, orderOf } from "./order";

/** The readiness rules shipped with the checker. */
export const READINESS_FILE = path.join(__dirname, "readiness-rules.yaml");

const need = z.strictObject({
  what: z.string().min(1),
  anyOf: z.array(resourceMatcher).min(1),
});

const rule = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  resource: resourceMatcher,
  acts: z.string().min(1),
  needs: z.array(need).min(1),
  source: z.url(),
});

const rules = z
  .strictObject({ rules: z.array(rule).min(1) })
  .refine((file) => new Set(file.rules.map((r) => r.id)).size === file.rules.length, {
    message: "every rule needs an id of its own",
  });

export type ReadinessRule = z.infer<typeof rule>;

/** Reads and checks readiness rules (by default the shipped ones). */
export function readReadinessRules(file = READINESS_FILE): readonly ReadinessRule[] {
  return readDataFile(file, rules, "readiness rules").rules;
}

/** A resource that acts while it is created, before something it needs is there. */
export interface ReadinessFinding {
  readonly rule: string;
  readonly source: string;
  /** `<type>::<name>` of the resource that acts. */
  readonly resource: string;
  readonly acts: string;
  readonly needs: string;
  /** The types that would do, as people read them. */
  readonly anyOf: readonly string[];
  /** Resources of the stack that would do, as `<type>::<name>`: what to add to `dependsOn`. */
  readonly candidates: readonly string[];
}

function label(resource: RecordedResource): string {
  return `${resource.type}::${resource.name}`;
}

function matchesAny(matchers: readonly ResourceMatcher[], resource: RecordedResource): boolean {
  return matchers.some((matcher) => matches(matcher, resource));
}

/**
 * Every resource of the stack that a rule names, checked against the rule's needs: each need must
 * be met by a resource the engine finishes before this one starts.
 */
export function checkReadiness(
  resources: readonly RecordedResource[],
  readinessRules: readonly ReadinessRule[],
): ReadinessFinding[] {
  const order = orderOf(resources);
  const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  const findings: ReadinessFinding[] = [];
  for (const r of readinessRules) {
    for (const actor of resources.filter((resource) => matches(r.resource, resource))) {
      const earlier = [...before(order, actor.urn)].flatMap((urn) => {
        const found = byUrn.get(urn);
        return found === undefined ? [] : [found];
      });
      for (const n of r.needs) {
        if (earlier.some((resource) => matchesAny(n.anyOf, resource))) continue;
        findings.push({
          rule: r.id,
          source: r.source,
          resource: label(actor),
          acts: r.acts,
          needs: n.what,
          anyOf: n.anyOf.map(describeMatcher),
          candidates: resources
            .filter((resource) => resource !== actor && matchesAny(n.anyOf, resource))
            .map(label)
            .sort(),
        });
      }
    }
  }
  return findings;
}
