import { UserError } from "../../components/errors";
import type { RawResource, RawStack } from "../graph/raw";
import { openArtifact, startsRun, type Artifact } from "./artifact";
import { checkReferences } from "./references";
import { type ResourceState, type StepMetadata } from "./schemas";
import { resourceFromState } from "./state-resource";

/** Note added when a preview lists only what changes. */
export const NO_SAMES_NOTE =
  "has no `same` step: it was made without --show-sames, so unchanged resources are missing. Run `pulumi preview --json --show-sames`.";

/** The live resources of a state file's `resources`: those pending deletion are left out. */
function liveResources(states: readonly ResourceState[] | null | undefined): RawResource[] {
  return (states ?? []).filter((state) => state.delete !== true).map(resourceFromState);
}

/**
 * The desired state of a preview: each resource's last `newState` (the steps of a replacement
 * share a URN; deletes have none, so a deleted resource is left out).
 */
function previewResources(file: string, artifact: Artifact & { format: "preview" }): RawStack {
  const steps = artifact.document.steps;
  const latest = new Map<string, ResourceState>();
  for (const step of steps) if (step.newState) latest.set(step.urn, step.newState);
  const resources = [...latest.values()]
    .filter((state) => state.delete !== true)
    .map(resourceFromState);
  const sames = steps.some((step) => step.op === "same");
  return {
    name: file,
    source: "pulumi preview --json",
    resources,
    notes: sames || steps.length === 0 ? [] : [`${file} ${NO_SAMES_NOTE}`],
  };
}

/**
 * An event log's resources, as its last run reported them: the last step metadata of each resource (`resOutputsEvent` after
 * `resourcePreEvent`) gives its `new` state; a resource whose last step deletes it is left out.
 */
async function eventLogResources(artifact: Artifact & { format: "event-log" }): Promise<RawStack> {
  const latest = new Map<string, StepMetadata>();
  for await (const event of artifact.events) {
    if (startsRun(event)) latest.clear();
    const metadata = event.resOutputsEvent?.metadata ?? event.resourcePreEvent?.metadata;
    if (metadata !== undefined) latest.set(metadata.urn, metadata);
  }
  const resources = [...latest.values()]
    .filter((step) => step.op !== "delete" && step.op !== "discard")
    .flatMap((step) => (step.new === null || step.new === undefined ? [] : [step.new]))
    .filter((state) => state.delete !== true)
    .map(resourceFromState);
  return { name: artifact.file, source: "engine event log", resources, notes: [] };
}

async function rawStack(artifact: Artifact): Promise<RawStack> {
  const file = artifact.file;
  switch (artifact.format) {
    case "stack-export":
      return {
        name: file,
        source: `pulumi stack export (v${String(artifact.document.version)})`,
        resources: liveResources(artifact.document.deployment.resources),
        notes: [],
      };
    case "checkpoint":
      return {
        name: file,
        source: `DIY checkpoint (v${artifact.document.version})`,
        resources: liveResources(artifact.document.checkpoint.latest?.resources),
        notes: [],
      };
    case "preview":
      return previewResources(file, artifact);
    case "event-log":
      return eventLogResources(artifact);
  }
}

/**
 * Reads the resources of a Pulumi artifact for `parity diff`: a stack export, a DIY checkpoint,
 * preview JSON or an engine event log. Everything {@link openArtifact} refuses is refused, and so
 * is an artifact with no resources (a comparison with it would compare nothing) and one whose
 * resources refer to resources it does not hold (./references.ts; a preview without `same` steps
 * lacks the unchanged resources by design and says so in a note instead).
 */
export async function readArtifact(file: string): Promise<RawStack> {
  const artifact = await openArtifact(file, ["stack-export", "checkpoint", "preview", "event-log"]);
  const raw = await rawStack(artifact);
  if (raw.resources.length === 0) {
    throw new UserError(
      `${file}: holds no resources, so a comparison with it would compare nothing. Pass an artifact of a stack that has been deployed (or previewed).`,
    );
  }
  const state = artifact.format === "stack-export" || artifact.format === "checkpoint";
  if (raw.notes.length === 0) checkReferences(file, raw.resources, state ? "held" : "omitted");
  return raw;
}
