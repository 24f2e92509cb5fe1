import { fileURLToPath } from "node:url";
import path from "node:path";
import { UserError } from "../../components/errors";
import { readProjectFile } from "../../stacks/project-files";
import { diffGraphs, type Counterfactual } from "../diff/diff-graphs";
import { differingKeys } from "../diff/knobs";
import type { Graph } from "../graph/model";
import { buildGraph } from "../graph/normalise";
import { Evaluations } from "../offline/evaluations";
import { sourceLine } from "../offline/source-line";
import { readOfflineStack } from "../sources/offline";
import { readArtifact } from "../sources/read-artifact";
import { withStackContext } from "../sources/stack-context";
import type { PairReport, ParityReport, ReportResource, StackReport } from "./report";
import { pullRequestNumber } from "../../stacks/spec";
import type { KeyName, StackValues } from "../../stacks/keys";
import { resolveTarget } from "./targets";

export interface CheckOptions {
  /** The directory holding Pulumi.yaml and the stack files. */
  readonly projectDir: string;
  /** The comparisons to make; each side a stack name or the path of a Pulumi JSON file. */
  readonly pairs: readonly (readonly [string, string])[];
  /** Extra config per offline stack (full keys), e.g. a fixed `expiresAt` for a sample PR stack. */
  readonly config?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Offline evaluations shared with the caller (plan prices the same evaluations). */
  readonly evaluations?: Evaluations;
}

/**
 * Config (full keys) that gives stack `base` the values of `keys` that stack `donor` has; undefined
 * unsets a key. Stack names inside a value swap (`<project>-prod-app` becomes `<project>-staging-app`
 * and the other way round), as the graphs normalise each stack's own name out.
 */
function donorConfig(
  project: string,
  keys: readonly KeyName[],
  donor: { readonly stack: string; readonly values: Readonly<StackValues> },
  base: string,
): Record<string, string | undefined> {
  const word = (name: string) => `(?<![A-Za-z0-9])${name}(?![A-Za-z0-9])`;
  const names = new RegExp(`${word(donor.stack)}|${word(base)}`, "g");
  const swap = (text: string) =>
    text.replace(names, (name) => (name === base ? donor.stack : base));
  return Object.fromEntries(
    keys.map((key) => {
      const value: string | number | boolean | undefined = donor.values[key];
      const full = key.includes(":") ? key : `${project}:${key}`;
      return [full, value === undefined ? undefined : swap(String(value))];
    }),
  );
}

/** Loads and normalises each stack or file once per distinct config. */
class Graphs {
  private readonly loaded = new Map<string, Promise<Graph>>();
  private readonly evaluations: Evaluations;

  constructor(private readonly options: CheckOptions) {
    this.evaluations = options.evaluations ?? new Evaluations();
  }

  /** `counterpart`: the stack it is compared with in a counterfactual (see buildGraph). */
  get(
    arg: string,
    extra: Readonly<Record<string, string | undefined>> = {},
    counterpart?: string,
  ): Promise<Graph> {
    const key = `${arg}\0${JSON.stringify(extra)}\0${counterpart ?? ""}`;
    let graph = this.loaded.get(key);
    if (graph === undefined) {
      graph = this.load(arg, extra, counterpart);
      this.loaded.set(key, graph);
    }
    return graph;
  }

  private async load(
    arg: string,
    extra: Readonly<Record<string, string | undefined>>,
    counterpart: string | undefined,
  ) {
    const { projectDir } = this.options;
    const target = resolveTarget(projectDir, arg);
    const raw =
      target.kind === "stack"
        ? await readOfflineStack(
            projectDir,
            target.stack,
            { ...this.options.config?.[target.stack], ...extra },
            this.evaluations,
          )
        : withStackContext(await readArtifact(target.file), projectDir);
    const graph = buildGraph(raw, counterpart);
    if (graph.resources.size === 0) {
      throw new UserError(
        `${arg}: the ${graph.source} has no resources, so comparing it would prove nothing. Fix: ${target.kind === "stack" ? "make the program register the stack's resources" : "pass the stack's export, preview or event log"}.`,
      );
    }
    return graph;
  }

  /**
   * Two offline stacks that differ in config, with one of them evaluated again with the other's
   * values of every key they differ in (a pull-request stack takes its overrides from staging, so
   * the other side is re-evaluated), each side naming the other as `{other stack}`. A string says
   * why there is none: files cannot be evaluated again, and the swapped config may not be a valid
   * stack.
   */
  async counterfactual(
    pair: readonly [string, string],
    graphs: readonly [Graph, Graph],
  ): Promise<Counterfactual | string | undefined> {
    const [a, b] = pair;
    const [ga, gb] = graphs;
    const stacks = pair.every(
      (arg) => resolveTarget(this.options.projectDir, arg).kind === "stack",
    );
    if (!stacks || ga.values === undefined || gb.values === undefined) {
      return "files cannot be evaluated again";
    }
    const keys = differingKeys(ga.values, gb.values);
    if (keys.length === 0) return undefined;
    const project = readProjectFile(this.options.projectDir).name;
    const flipB = pullRequestNumber(a) !== undefined;
    const [base, donor] = flipB ? [b, a] : [a, b];
    let again: Graph;
    try {
      const values = flipB ? ga.values : gb.values;
      const config = donorConfig(project, keys, { stack: donor, values }, base);
      again = await this.get(base, config, donor);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return `${base} cannot be evaluated with ${donor}'s config (${error.message})`;
    }
    const other = await this.get(donor, {}, base);
    return {
      a: flipB ? other : again,
      b: flipB ? again : other,
      description: `${base} evaluated with ${donor}'s config`,
      keys,
    };
  }
}

function stackReport(graph: Graph): StackReport {
  const resources: ReportResource[] = [...graph.resources.values()].map((r) => ({
    key: r.key,
    type: r.type,
    name: r.name,
    parent: r.parent ?? null,
    custom: r.custom,
    protect: r.protect,
    dependencies: r.dependencies,
    inputs: r.inputs,
  }));
  return { source: graph.source, resources };
}

/**
 * `file:line` (TypeScript lines, relative to the project) where the program constructed the
 * resource `key` of `graph`, when it was evaluated offline and the place is the project's own code.
 */
function registeredAt(projectDir: string, graph: Graph, key: string): string | undefined {
  const position = graph.resources.get(key)?.sourcePosition;
  if (position === undefined || !position.uri.startsWith("file:")) return undefined;
  const file = fileURLToPath(position.uri);
  const relative = path.relative(projectDir, file);
  if (relative.startsWith("..") || relative.split(path.sep).includes("node_modules")) {
    return undefined;
  }
  return `${relative}:${sourceLine(file, position.line, position.column)}`;
}

/**
 * Loads every stack or file the pairs name (each once; offline stacks one after the other, each
 * under fresh mocks), normalises them, and compares each pair. The verdict fails when any pair
 * has a difference no declared knob explains.
 */
export async function checkParity(options: CheckOptions): Promise<ParityReport> {
  // Fails with a clear message when run outside the project (no Pulumi.yaml).
  readProjectFile(options.projectDir);
  // Every argument is checked before the first stack is evaluated.
  for (const arg of options.pairs.flat()) resolveTarget(options.projectDir, arg);
  const loader = new Graphs(options);
  const graphs = new Map<string, Graph>();
  for (const arg of options.pairs.flat()) {
    if (!graphs.has(arg)) graphs.set(arg, await loader.get(arg));
  }
  const graph = (arg: string) => graphs.get(arg) as Graph;
  const pairs: PairReport[] = [];
  const notes: string[] = [];
  for (const [a, b] of options.pairs) {
    const counterfactual = await loader.counterfactual([a, b], [graph(a), graph(b)]);
    const proven = typeof counterfactual === "string" ? undefined : counterfactual;
    const { findings, explained } = diffGraphs(graph(a), graph(b), proven);
    if (typeof counterfactual === "string" && explained.length > 0) {
      notes.push(
        `${a} ↔ ${b}: ${counterfactual}, so the ${explained.length} differences put down to knobs only match what stacks/keys.ts declares the knobs drive; that the knobs caused them is not proven.`,
      );
    }
    pairs.push({ a, b, verdict: findings.length === 0 ? "pass" : "fail", findings, explained });
  }
  return {
    verdict: pairs.every((p) => p.verdict === "pass") ? "pass" : "fail",
    stacks: Object.fromEntries([...graphs].map(([arg, g]) => [arg, stackReport(g)])),
    pairs,
    findings: pairs.flatMap((p) =>
      p.findings.map((f) => {
        const where = registeredAt(
          options.projectDir,
          graph(f.kind === "only-in-b" ? p.b : p.a),
          f.resource,
        );
        return { ...f, stacks: [p.a, p.b] as const, ...(where === undefined ? {} : { where }) };
      }),
    ),
    notes: [...new Set([...[...graphs.values()].flatMap((g) => g.notes), ...notes])],
  };
}
