import { UserError } from "../../components/errors";
import { matchIgnore, parseIgnoreFile, type IgnoreRule } from "./ignore";
import type {
  ChangeOp,
  DriftReport,
  IgnoredChange,
  PropertyChange,
  ResourceChange,
  SourceReview,
} from "./report";
import { parseUrn } from "../graph/urn";
import type { Step, StepSource, StepState } from "./step";
import { readSteps } from "./steps";
import { changedKeys, valueAt } from "./values";
import { InputFile } from "../sources/input-file";
import { REFRESH_OP, REPLACEMENT_OPS } from "../sources/step-ops";
import { finalSteps } from "./final-steps";

export interface DriftOptions {
  /** Refresh-preview JSON, preview JSON or engine event log files. */
  readonly files: readonly string[];
  /** YAML file of known-noisy properties; see {@link parseIgnoreFile}. */
  readonly ignoreFile?: string | undefined;
}

/** The change a step op means, or undefined for ops that change nothing (same, refresh, read…). */
function changeOp(op: string): ChangeOp | undefined {
  if (op === "update") return "update";
  if (REPLACEMENT_OPS.has(op)) return "replace";
  if (op === "delete") return "delete";
  if (op === "create" || op === "import") return "create";
  return undefined;
}

function lookup(
  states: { old: StepState | undefined; new: StepState | undefined },
  path: string,
  inputDiff: boolean | undefined,
): { old: unknown; new: unknown } {
  const side = (s: StepState | undefined): unknown => {
    if (s === undefined) return undefined;
    const order = inputDiff === false ? [s.outputs, s.inputs] : [s.inputs, s.outputs];
    for (const properties of order) {
      const hit = valueAt(properties, path);
      if (hit.found) return hit.value;
    }
    return undefined;
  };
  return { old: side(states.old), new: side(states.new) };
}

/** The property changes of an update or replace step, from the most precise data it carries. */
function propertyChanges(step: Step): PropertyChange[] {
  const states = { old: step.old, new: step.new };
  if (step.detailedDiff !== undefined && step.detailedDiff.length > 0) {
    return step.detailedDiff.map((diff) => ({
      path: diff.path,
      kind: diff.kind,
      ...lookup(states, diff.path, diff.inputDiff),
    }));
  }
  let paths = [...step.diffReasons];
  if (paths.length === 0 && step.old !== undefined && step.new !== undefined) {
    paths = changedKeys(step.old.inputs, step.new.inputs);
    if (paths.length === 0) paths = changedKeys(step.old.outputs, step.new.outputs);
  }
  return paths.map((path) => ({ path, kind: "update", ...lookup(states, path, undefined) }));
}

function reviewSource(source: StepSource, rules: readonly IgnoreRule[]): SourceReview {
  const steps = finalSteps(source.steps);
  const refresh = source.steps.some((step) => step.op === REFRESH_OP);
  const changed: ResourceChange[] = [];
  const deleted: ResourceChange[] = [];
  const created: ResourceChange[] = [];
  const ignored: IgnoredChange[] = [];
  let unchanged = 0;

  for (const step of steps) {
    const op = changeOp(step.op);
    if (op === undefined) {
      unchanged += 1;
      continue;
    }
    const resource = {
      urn: step.urn,
      type: step.type,
      name: parseUrn(step.urn)?.name ?? step.urn,
      id: step.old?.id ?? step.new?.id,
      op,
    };
    if (op === "delete") {
      deleted.push({ ...resource, changes: [] });
      continue;
    }
    if (op === "create") {
      created.push({ ...resource, changes: [] });
      continue;
    }
    const all = propertyChanges(step);
    const kept = all.filter((change) => {
      const rule = matchIgnore(rules, resource, change.path);
      if (rule !== undefined)
        ignored.push({ urn: step.urn, path: change.path, reason: rule.reason });
      return rule === undefined;
    });
    if (all.length > 0 && kept.length === 0) unchanged += 1;
    else changed.push({ ...resource, changes: kept });
  }

  const notes: string[] = [];
  if (!refresh) {
    notes.push(
      "Not a refresh (no `refresh` steps): these are the changes of an update, code changes as well as drift. For drift alone, run `pulumi refresh --preview-only --json`.",
    );
  }
  const stacks = new Set(source.steps.flatMap((step) => parseUrn(step.urn)?.stack ?? []));
  return {
    file: source.file,
    stack: stacks.size === 0 ? undefined : [...stacks].join(", "),
    format: source.format,
    refresh,
    notes,
    changed,
    deleted,
    created,
    ignored,
    unchanged,
    engineSummary: source.engineSummary,
  };
}

/** Reviews already-read sources against the ignore rules. Pure: the core of {@link reviewDrift}. */
export function reviewSources(
  sources: readonly StepSource[],
  rules: readonly IgnoreRule[],
): DriftReport {
  const reviews = sources.map((source) => reviewSource(source, rules));
  const total = (pick: (review: SourceReview) => number): number =>
    reviews.reduce((sum, review) => sum + pick(review), 0);
  const summary = {
    changed: total((r) => r.changed.length),
    deleted: total((r) => r.deleted.length),
    created: total((r) => r.created.length),
    ignored: total((r) => r.ignored.length),
    unchanged: total((r) => r.unchanged),
  };
  return {
    sources: reviews,
    summary,
    drift: summary.changed + summary.deleted + summary.created > 0,
  };
}

/**
 * Reads refresh previews, previews or event logs and reports what drifted: changed properties
 * with old and new values (secrets masked), resources deleted out of band, and what the ignore
 * file suppressed. Throws a {@link UserError} for unreadable or unrecognised input.
 */
export async function reviewDrift(options: DriftOptions): Promise<DriftReport> {
  if (options.files.length === 0) {
    throw new UserError("parity drift needs at least one file to review.");
  }
  const rules =
    options.ignoreFile === undefined
      ? []
      : parseIgnoreFile(
          options.ignoreFile,
          await (await InputFile.open(options.ignoreFile)).text(),
        );
  const sources: StepSource[] = [];
  for (const file of options.files) sources.push(await readSteps(file));
  return reviewSources(sources, rules);
}
