import path from "node:path";
import { diffGraphs } from "../../../parity/diff/diff-graphs";
import { resourceKey, type Graph, type GraphResource } from "../../../parity/graph/model";
import { cliConfig } from "../../../parity/offline/evaluate";
import type { StackValues } from "../../../stacks/keys";
import { loadSpec } from "../../../stacks/loader";

const PROJECT = path.resolve(__dirname, "../../..");

function valuesOf(stack: string): StackValues {
  return loadSpec({ projectDir: PROJECT, stack, config: cliConfig(PROJECT, stack).config }).values;
}

function resource(type: string, name: string, extra: Partial<GraphResource> = {}): GraphResource {
  return {
    key: resourceKey(type, name),
    type,
    name,
    custom: true,
    parent: undefined,
    provider: undefined,
    dependencies: [],
    inputs: {},
    protect: false,
    ...extra,
  };
}

function graph(name: string, values: StackValues | undefined, resources: GraphResource[]): Graph {
  return {
    name,
    source: "test",
    notes: [],
    values,
    resources: new Map(resources.map((r) => [r.key, r])),
  };
}

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const CLUSTER = "aws:rds/cluster:Cluster";
const staging = valuesOf("staging");
const prod = valuesOf("prod");

describe("comparing two graphs", () => {
  it("explains a difference by a declared knob whose values differ", () => {
    const a = graph("staging", staging, [
      resource(LOG_GROUP, "app", { inputs: { retentionInDays: 14 }, protect: false }),
    ]);
    const b = graph("prod", prod, [
      resource(LOG_GROUP, "app", { inputs: { retentionInDays: 365 }, protect: true }),
    ]);

    expect(diffGraphs(a, b)).toEqual({
      findings: [],
      explained: [
        {
          kind: "input",
          resource: "aws:cloudwatch/logGroup:LogGroup::app",
          property: "retentionInDays",
          a: 14,
          b: 365,
          knob: "logRetentionDays",
        },
        {
          kind: "option",
          resource: "aws:cloudwatch/logGroup:LogGroup::app",
          property: "protect",
          a: false,
          b: true,
          knob: "protect",
        },
      ],
    });
  });

  it("reports a difference no knob drives as a finding naming the rule", () => {
    const a = graph("staging", staging, [resource(LOG_GROUP, "app", { inputs: { kms: "a" } })]);
    const b = graph("prod", prod, [resource(LOG_GROUP, "app", { inputs: { kms: "b" } })]);

    expect(diffGraphs(a, b).findings).toEqual([
      {
        kind: "input",
        resource: "aws:cloudwatch/logGroup:LogGroup::app",
        property: "kms",
        a: "a",
        b: "b",
        rule: "inputs must be identical unless a declared knob differs",
      },
    ]);
  });

  it("says when the knob that drives a property is equal in both stacks", () => {
    const scaling = (min: number) => ({ serverlessv2ScalingConfiguration: { minCapacity: min } });
    const a = graph("staging", staging, [resource(CLUSTER, "db", { inputs: scaling(0.5) })]);
    const b = graph("prod", prod, [resource(CLUSTER, "db", { inputs: scaling(2) })]);

    expect(diffGraphs(a, b).findings.map((f) => f.rule)).toEqual([
      "inputs must be identical unless a declared knob differs: dbServerlessMinAcu drives it but is 0.5 in both stacks",
    ]);
  });

  it("reports resources only one stack has", () => {
    const a = graph("staging", staging, [resource(LOG_GROUP, "app")]);
    const b = graph("prod", prod, [resource(LOG_GROUP, "app"), resource(CLUSTER, "db")]);

    expect(diffGraphs(a, b).findings).toEqual([
      {
        kind: "only-in-b",
        resource: "aws:rds/cluster:Cluster::db",
        property: "",
        a: "absent",
        b: "present",
        rule: "every stack creates the same resources: only prod has it",
      },
    ]);
  });

  it("reports a different parent or dependency", () => {
    const db = resource("y", "db");
    const a = graph("a", undefined, [resource(LOG_GROUP, "app", { parent: "x::main" }), db]);
    const b = graph("b", undefined, [resource(LOG_GROUP, "app", { dependencies: ["y::db"] }), db]);

    expect(diffGraphs(a, b).findings.map((f) => [f.kind, f.a, f.b])).toEqual([
      ["parent", "x::main", undefined],
      ["dependencies", [], ["y::db"]],
    ]);
  });

  it("leaves out dependencies on a resource only one stack has: its presence is the finding", () => {
    const db = resource("y", "db");
    const a = graph("a", undefined, [resource(LOG_GROUP, "app")]);
    const b = graph("b", undefined, [resource(LOG_GROUP, "app", { dependencies: ["y::db"] }), db]);

    expect(diffGraphs(a, b).findings.map((f) => [f.kind, f.resource])).toEqual([
      ["only-in-b", "y::db"],
    ]);
  });

  it("explains nothing when the stacks' config is unknown (files of another project)", () => {
    const a = graph("a.json", undefined, [
      resource(LOG_GROUP, "app", { inputs: { retentionInDays: 14 } }),
    ]);
    const b = graph("b.json", undefined, [
      resource(LOG_GROUP, "app", { inputs: { retentionInDays: 365 } }),
    ]);

    expect(diffGraphs(a, b)).toMatchObject({
      explained: [],
      findings: [{ property: "retentionInDays" }],
    });
  });
});

describe("comparing two graphs with one stack evaluated again with the other's config", () => {
  const logs = (name: string, values: StackValues, retentionInDays: number, tag: string) =>
    graph(name, values, [resource(LOG_GROUP, "app", { inputs: { retentionInDays, tag } })]);
  const a = logs("staging", staging, 14, "blue");
  const b = logs("prod", prod, 365, "green");
  const keys = ["logRetentionDays", "hostname"];

  it("explains a difference that vanishes, by the knob declared to drive it or else every key", () => {
    const again = logs("staging", prod, 365, "green");

    expect(
      diffGraphs(a, b, {
        a: again,
        b,
        description: "staging evaluated with prod's config",
        keys,
      }),
    ).toEqual({
      findings: [],
      explained: [
        {
          kind: "input",
          resource: `${LOG_GROUP}::app`,
          property: "retentionInDays",
          a: 14,
          b: 365,
          knob: "logRetentionDays",
        },
        {
          kind: "input",
          resource: `${LOG_GROUP}::app`,
          property: "tag",
          a: "blue",
          b: "green",
          knob: "logRetentionDays, hostname",
        },
      ],
    });
  });

  it("reports a difference that remains, even where a knob is declared to drive it", () => {
    const again = logs("staging", prod, 14, "blue");

    expect(
      diffGraphs(a, b, {
        a: again,
        b,
        description: "staging evaluated with prod's config",
        keys,
      }),
    ).toEqual({
      explained: [],
      findings: [
        {
          kind: "input",
          resource: `${LOG_GROUP}::app`,
          property: "retentionInDays",
          a: 14,
          b: 365,
          rule: "inputs must be identical unless a declared knob differs: logRetentionDays is declared to drive it, but the difference remains in staging evaluated with prod's config, so something other than the config chose it",
        },
        {
          kind: "input",
          resource: `${LOG_GROUP}::app`,
          property: "tag",
          a: "blue",
          b: "green",
          rule: "inputs must be identical unless a declared knob differs",
        },
      ],
    });
  });

  it("reports a difference the swapped config changes without producing the other's value", () => {
    const again = logs("staging", prod, 30, "green");

    expect(
      diffGraphs(a, b, {
        a: again,
        b,
        description: "staging evaluated with prod's config",
        keys,
      }).findings,
    ).toEqual([
      {
        kind: "input",
        resource: `${LOG_GROUP}::app`,
        property: "retentionInDays",
        a: 14,
        b: 365,
        rule: "inputs must be identical unless a declared knob differs: logRetentionDays is declared to drive it, but the difference remains in staging evaluated with prod's config, so something other than the config chose it",
      },
    ]);
  });
});
