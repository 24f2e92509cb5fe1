import { UserError } from "../../components/errors";
import { readProjectFile } from "../../stacks/project-files";
import { diffGraphs } from "../diff/diff-graphs";
import type { Graph } from "../graph/model";
import { buildGraph } from "../graph/normalise";
import { readOfflineStack } from "../sources/offline";
import { readArtifact } from "../sources/read-artifact";
import { withStackContext } from "../sources/stack-context";
import type { PairReport, ParityReport, ReportResource, StackReport } from "./report";
import { resolveTarget } from "./targets";

export interface CheckOptions {
  /** The directory holding Pulumi.yaml and the stack files. */
  readonly projectDir: string;
  /** The comparisons to make; each side a stack name or the path of a Pulumi JSON file. */
  readonly pairs: readonly (readonly [string, string])[];
  /** Extra config per offline stack (full keys), e.g. a fixed `expiresAt` for a sample PR stack. */
  readonly config?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

async function loadGraph(options: CheckOptions, arg: string): Promise<Graph> {
  const target = resolveTarget(options.projectDir, arg);
  const raw =
    target.kind === "stack"
      ? await readOfflineStack(options.projectDir, target.stack, options.config?.[target.stack])
      : withStackContext(readArtifact(target.file), options.projectDir);
  const graph = buildGraph(raw);
  if (graph.resources.size === 0) {
    throw new UserError(
      `${arg}: the ${graph.source} has no resources, so comparing it would prove nothing. Fix: ${target.kind === "stack" ? "make the program register the stack's resources" : "pass the stack's export, preview or event log"}.`,
    );
  }
  return graph;
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
 * Loads every stack or file the pairs name (each once; offline stacks one after the other, each
 * under fresh mocks), normalises them, and compares each pair. The verdict fails when any pair
 * has a difference no declared knob explains.
 */
export async function checkParity(options: CheckOptions): Promise<ParityReport> {
  // Fails with a clear message when run outside the project (no Pulumi.yaml).
  readProjectFile(options.projectDir);
  const graphs = new Map<string, Graph>();
  for (const arg of options.pairs.flat()) {
    if (!graphs.has(arg)) graphs.set(arg, await loadGraph(options, arg));
  }
  const graph = (arg: string) => graphs.get(arg) as Graph;
  const pairs: PairReport[] = options.pairs.map(([a, b]) => {
    const { findings, explained } = diffGraphs(graph(a), graph(b));
    return { a, b, verdict: findings.length === 0 ? "pass" : "fail", findings, explained };
  });
  return {
    verdict: pairs.every((p) => p.verdict === "pass") ? "pass" : "fail",
    stacks: Object.fromEntries([...graphs].map(([arg, g]) => [arg, stackReport(g)])),
    pairs,
    findings: pairs.flatMap((p) => p.findings.map((f) => ({ ...f, stacks: [p.a, p.b] as const }))),
    notes: [...new Set([...graphs.values()].flatMap((g) => g.notes))],
  };
}
