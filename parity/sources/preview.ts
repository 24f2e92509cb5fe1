import type { RawStack } from "../graph/raw";
import { isResourceState, resourceFromState } from "./state-resource";

interface PreviewStep {
  readonly op?: unknown;
  readonly newState?: unknown;
}
interface PreviewDigest {
  readonly steps: readonly PreviewStep[];
}

export function isPreview(doc: unknown): doc is PreviewDigest {
  const d = doc as PreviewDigest | null;
  return typeof d === "object" && d !== null && Array.isArray(d.steps);
}

/** Note added when a preview lists only what changes. */
export const NO_SAMES_NOTE =
  "has no `same` step: it was made without --show-sames, so unchanged resources are missing. Run `pulumi preview --json --show-sames`.";

/**
 * Reads `pulumi preview --json`: the desired state is each step's `newState` (deletes have none).
 * Without `--show-sames` unchanged resources are left out; that is reported as a note.
 */
export function readPreview(doc: PreviewDigest, file: string): RawStack {
  const states = doc.steps.map((step) => step.newState).filter(isResourceState);
  const sames = doc.steps.some((step) => step.op === "same");
  return {
    name: file,
    source: "pulumi preview --json",
    resources: states.filter((state) => state.delete !== true).map(resourceFromState),
    notes: sames || doc.steps.length === 0 ? [] : [`${file} ${NO_SAMES_NOTE}`],
  };
}
