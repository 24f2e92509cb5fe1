import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/** The repository root, which workflow and action paths are relative to. */
export const ROOT = path.resolve(__dirname, "../../..");

/** One `run:` step of a workflow job or of a composite action, as GitHub would execute it. */
export interface RunStep {
  /** Workflow or action file, relative to the repository root. */
  readonly file: string;
  /** Job id for workflow steps; undefined in a composite action. */
  readonly job: string | undefined;
  /** Position of the step in its job or action (0-based, counting `uses:` steps too). */
  readonly index: number;
  readonly name: string;
  readonly id: string | undefined;
  readonly script: string;
  /** The shell GitHub runs it with (`bash` unless the file says otherwise). */
  readonly shell: string;
  /** Workflow, job and step `env:` in the order GitHub layers them, still holding expressions. */
  readonly env: Readonly<Record<string, string>>;
  /** `<file> <job> #<index> <name>`: unique, used in test names and coverage. */
  readonly key: string;
}

interface StepDoc {
  readonly name?: string;
  readonly id?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly shell?: string;
  readonly env?: Record<string, unknown>;
}
interface Defaults {
  readonly run?: { readonly shell?: string };
}
interface JobDoc {
  readonly env?: Record<string, unknown>;
  readonly defaults?: Defaults;
  readonly steps?: readonly StepDoc[];
}
interface WorkflowDoc {
  readonly env?: Record<string, unknown>;
  readonly defaults?: Defaults;
  readonly jobs?: Record<string, JobDoc>;
  readonly runs?: { readonly steps?: readonly StepDoc[] };
}

function strings(env: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(env ?? {}).map(([k, v]) => [k, String(v)]));
}

function stepOf(
  file: string,
  job: string | undefined,
  index: number,
  step: StepDoc,
  layers: { env: Record<string, string>; shell: string | undefined },
): RunStep | undefined {
  if (step.run === undefined) return undefined;
  const name = step.name ?? step.run.split("\n")[0] ?? "";
  return {
    file,
    job,
    index,
    name,
    id: step.id,
    script: step.run,
    shell: step.shell ?? layers.shell ?? "bash",
    env: { ...layers.env, ...strings(step.env) },
    key: `${file}${job === undefined ? "" : ` ${job}`} #${index} ${name}`,
  };
}

/** Every `run:` step of a workflow (each job in order) or of a composite action's `action.yml`. */
export function runSteps(file: string): RunStep[] {
  const doc = parse(readFileSync(path.join(ROOT, file), "utf8")) as WorkflowDoc;
  if (doc.runs !== undefined) {
    return (doc.runs.steps ?? []).flatMap(
      (step, i) => stepOf(file, undefined, i, step, { env: {}, shell: undefined }) ?? [],
    );
  }
  return Object.entries(doc.jobs ?? {}).flatMap(([job, jobDoc]) =>
    (jobDoc.steps ?? []).flatMap(
      (step, i) =>
        stepOf(file, job, i, step, {
          env: { ...strings(doc.env), ...strings(jobDoc.env) },
          shell: jobDoc.defaults?.run?.shell ?? doc.defaults?.run?.shell,
        }) ?? [],
    ),
  );
}

/** The one `run:` step of `file` whose id or name is `which` (in `job`, when given). */
export function findStep(file: string, which: string, job?: string): RunStep {
  const found = runSteps(file).filter(
    (s) => (job === undefined || s.job === job) && (s.id === which || s.name === which),
  );
  if (found.length !== 1) {
    throw new Error(`${file}: expected one run step "${which}", found ${String(found.length)}`);
  }
  return found[0] as RunStep;
}
