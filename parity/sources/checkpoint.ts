import type { RawStack } from "../graph/raw";
import { resourcesFromStates } from "./state-resource";

interface Checkpoint {
  readonly version?: unknown;
  readonly checkpoint: { readonly stack?: unknown; readonly latest?: { resources?: unknown } };
}

export function isCheckpoint(doc: unknown): doc is Checkpoint {
  const d = doc as Checkpoint | null;
  return typeof d === "object" && d !== null && typeof d.checkpoint === "object";
}

/**
 * Reads a DIY-backend checkpoint (`.pulumi/stacks/<project>/<stack>.json`):
 * `{version, checkpoint: {stack, latest: {manifest, resources[]}}}`. A stack never deployed has
 * no `latest`, and so no resources.
 */
export function readCheckpoint(doc: Checkpoint, file: string): RawStack {
  return {
    name: file,
    source: `DIY checkpoint (v${String(doc.version)})`,
    resources: resourcesFromStates(doc.checkpoint.latest?.resources),
    notes: [],
  };
}
