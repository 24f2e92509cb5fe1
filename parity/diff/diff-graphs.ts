import type { Drives } from "../../stacks/key-types";
import type { Graph, GraphResource } from "../graph/model";
import { ABSENT, PRESENT, type Explained, type Finding, type FindingKind } from "./finding";
import { declaredKnobs, explainingKnob, knobsThatDiffer } from "./knobs";
import { propertyDifferences } from "./property-diff";
import { knobEqualRule, persistsRule, RULES } from "./rules";

/**
 * The pair again with one side evaluated anew with the other side's values of every config key
 * the two stacks differ in (each side naming the other as `{other stack}`): what stays different
 * was not caused by the config.
 */
export interface Counterfactual {
  readonly a: Graph;
  readonly b: Graph;
  /** The re-evaluation, as rules name it: `staging evaluated with prod's config`. */
  readonly description: string;
  /** The config keys whose values were swapped. */
  readonly keys: readonly string[];
}

/** The outcome of comparing two graphs. */
export interface GraphDiff {
  readonly findings: readonly Finding[];
  readonly explained: readonly Explained[];
}

interface Difference {
  readonly kind: FindingKind;
  readonly on: NonNullable<Drives["on"]>;
  readonly resource: GraphResource;
  readonly property: string;
  readonly a: unknown;
  readonly b: unknown;
  readonly rule: string;
}

/**
 * Dependencies on resources both graphs have: an edge to a resource only one stack creates is
 * a consequence of that resource's own presence finding, not a second divergence.
 */
function sharedDependencies(resource: GraphResource, a: Graph, b: Graph): string[] {
  return resource.dependencies.filter((key) => a.resources.has(key) && b.resources.has(key));
}

function resourceDifferences(
  a: GraphResource,
  b: GraphResource,
  graphs: { a: Graph; b: Graph },
): Difference[] {
  const out: Difference[] = [];
  const add = (
    kind: FindingKind,
    on: Difference["on"],
    property: string,
    va: unknown,
    vb: unknown,
  ) => {
    out.push({ kind, on, resource: a, property, a: va, b: vb, rule: RULES[kind] });
  };
  for (const d of propertyDifferences(a.inputs, b.inputs)) add("input", "input", d.path, d.a, d.b);
  if (a.protect !== b.protect) add("option", "option", "protect", a.protect, b.protect);
  if (a.parent !== b.parent) add("parent", "option", "parent", a.parent, b.parent);
  if (a.provider !== b.provider) add("provider", "option", "provider", a.provider, b.provider);
  const [depsA, depsB] = [a, b].map((r) => sharedDependencies(r, graphs.a, graphs.b));
  if (depsA?.join("\n") !== depsB?.join("\n")) {
    add("dependencies", "option", "dependencies", depsA, depsB);
  }
  return out;
}

/** Every difference between two graphs: resources only in `a`, only in `b`, and in shared ones. */
function differencesOf(a: Graph, b: Graph): Difference[] {
  const differences: Difference[] = [];
  for (const [key, ra] of a.resources) {
    const rb = b.resources.get(key);
    if (rb === undefined) {
      differences.push({
        kind: "only-in-a",
        on: "presence",
        resource: ra,
        property: "",
        a: PRESENT,
        b: ABSENT,
        rule: `${RULES["only-in-a"]}: only ${a.name} has it`,
      });
    } else {
      for (const d of resourceDifferences(ra, rb, { a, b })) differences.push(d);
    }
  }
  for (const [key, rb] of b.resources) {
    if (a.resources.has(key)) continue;
    differences.push({
      kind: "only-in-b",
      on: "presence",
      resource: rb,
      property: "",
      a: ABSENT,
      b: PRESENT,
      rule: `${RULES["only-in-b"]}: only ${b.name} has it`,
    });
  }
  return differences;
}

function identify(d: Difference): string {
  return `${d.kind}\0${d.resource.key}\0${d.property}`;
}

/**
 * Compares two normalised graphs: resources only in `a`, only in `b`, and every difference in the
 * resources both have. With a {@link Counterfactual}, a difference is explained only when the
 * config caused it — one stack evaluated with the other's config produces the other's value, so
 * the difference vanishes (a value that merely changes is not explained) — and is
 * attributed to the differing knob declared to drive it (or to all the keys that differ).
 * Without one (a Pulumi file cannot be evaluated again), a difference is explained when a knob
 * declared in stacks/keys.ts drives it and the two stacks' values of that knob differ. Any other
 * difference is a finding naming its rule.
 */
export function diffGraphs(a: Graph, b: Graph, counterfactual?: Counterfactual): GraphDiff {
  const differing = knobsThatDiffer(a.values, b.values);
  const declared = declaredKnobs();
  const remaining =
    counterfactual === undefined
      ? undefined
      : new Set(differencesOf(counterfactual.a, counterfactual.b).map(identify));

  const findings: Finding[] = [];
  const explained: Explained[] = [];
  for (const d of differencesOf(a, b)) {
    const base = { kind: d.kind, resource: d.resource.key, property: d.property, a: d.a, b: d.b };
    const knob = explainingKnob(differing, d.on, d.resource.type, d.property);
    if (counterfactual !== undefined && remaining !== undefined) {
      if (!remaining.has(identify(d))) {
        explained.push({ ...base, knob: knob ?? counterfactual.keys.join(", ") });
      } else {
        const rule =
          knob === undefined ? d.rule : persistsRule(d.kind, knob, counterfactual.description);
        findings.push({ ...base, rule });
      }
      continue;
    }
    if (knob !== undefined) {
      explained.push({ ...base, knob });
      continue;
    }
    const alike = explainingKnob(declared, d.on, d.resource.type, d.property);
    const rule =
      alike !== undefined && a.values !== undefined
        ? knobEqualRule(alike, a.values[alike])
        : d.rule;
    findings.push({ ...base, rule });
  }
  return { findings, explained };
}
