import type { Drives } from "../../stacks/key-types";
import type { Graph, GraphResource } from "../graph/model";
import { ABSENT, PRESENT, type Explained, type Finding, type FindingKind } from "./finding";
import { declaredKnobs, explainingKnob, knobsThatDiffer } from "./knobs";
import { propertyDifferences } from "./property-diff";
import { knobEqualRule, RULES } from "./rules";

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

/**
 * Compares two normalised graphs: resources only in `a`, only in `b`, and every difference in the
 * resources both have. A difference is explained when a knob declared in stacks/keys.ts drives it
 * and the two stacks' values of that knob differ; otherwise it is a finding naming its rule.
 */
export function diffGraphs(a: Graph, b: Graph): GraphDiff {
  const differing = knobsThatDiffer(a.values, b.values);
  const declared = declaredKnobs();
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

  const findings: Finding[] = [];
  const explained: Explained[] = [];
  for (const d of differences) {
    const base = { kind: d.kind, resource: d.resource.key, property: d.property, a: d.a, b: d.b };
    const knob = explainingKnob(differing, d.on, d.resource.type, d.property);
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
