import type { SourceFormat } from "./report";

/** One resource's state as a step carries it. */
export interface StepState {
  readonly id: string | undefined;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** One property path in a step's detailed diff. */
export interface StepPropertyDiff {
  readonly path: string;
  readonly kind: string;
  readonly inputDiff: boolean;
}

/**
 * One engine step, the same whether it came from preview JSON or from an event log (whose step
 * metadata names `diffReasons` `diffs` and `kind` `diffKind`).
 */
export interface Step {
  readonly op: string;
  readonly urn: string;
  readonly type: string;
  readonly old: StepState | undefined;
  readonly new: StepState | undefined;
  /** Top-level properties that differ (`diffReasons` / `diffs`). */
  readonly diffReasons: readonly string[];
  readonly detailedDiff: readonly StepPropertyDiff[] | undefined;
}

/** The steps of one input file, in the order the engine reported them. */
export interface StepSource {
  readonly file: string;
  readonly format: SourceFormat;
  readonly steps: readonly Step[];
  readonly engineSummary: Readonly<Record<string, number>> | undefined;
}
