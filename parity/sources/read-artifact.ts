import { UserError } from "../../components/errors";
import type { RawResource, RawStack } from "../graph/raw";
import { openArtifact, type Artifact } from "./artifact";
import { type ResourceState, type StepMetadata } from "./schemas";
import { resourceFromState } from "./state-resource";
import { REFRESH_OP, REPLACEMENT_OPS } from "./step-ops";

/** Note added when a preview lists only what changes. */
export const NO_SAMES_NOTE =
  "has no `same` step: it was made without --show-sames, so unchanged resources are missing. Run `pulumi preview --json --show-sames`.";

function duplicateUrn(file: string, urn: string, first: string, second: string): UserError {
  return new UserError(
    `${file}: URN ${urn} appears twice (\`${first}\` and \`${second}\`); a stack holds each resource once. Pass the file Pulumi wrote.`,
  );
}

/**
 * The live resources of a state file's `resources` (those pending deletion left out). A URN that
 * two live resources share is refused: one of them would hide the other.
 */
function liveResources(
  file: string,
  states: readonly ResourceState[] | null | undefined,
  path: string,
): RawResource[] {
  const seen = new Map<string, number>();
  const live: RawResource[] = [];
  (states ?? []).forEach((state, index) => {
    if (state.delete === true) return;
    const previous = seen.get(state.urn);
    if (previous !== undefined) {
      throw duplicateUrn(file, state.urn, `${path}[${previous}]`, `${path}[${index}]`);
    }
    seen.set(state.urn, index);
    live.push(resourceFromState(state));
  });
  return live;
}

/**
 * The desired state of a preview: each step's `newState` (deletes have none). One resource has
 * several steps only in a replacement or after its `refresh` step; two other steps for one URN
 * are refused.
 */
function previewResources(file: string, artifact: Artifact & { format: "preview" }): RawStack {
  const steps = artifact.document.steps;
  const planned = new Map<string, number>();
  const latest = new Map<string, ResourceState | undefined>();
  steps.forEach((step, index) => {
    if (!REPLACEMENT_OPS.has(step.op) && step.op !== REFRESH_OP) {
      const previous = planned.get(step.urn);
      if (previous !== undefined) {
        throw duplicateUrn(file, step.urn, `steps[${previous}]`, `steps[${index}]`);
      }
      planned.set(step.urn, index);
    }
    latest.set(step.urn, step.newState ?? undefined);
  });
  const resources = [...latest.values()]
    .filter((state): state is ResourceState => state !== undefined && state.delete !== true)
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
 * An event log's resources: the last step metadata of each resource (`resOutputsEvent` after
 * `resourcePreEvent`) gives its `new` state; a resource whose last step deletes it is left out.
 */
async function eventLogResources(artifact: Artifact & { format: "event-log" }): Promise<RawStack> {
  const latest = new Map<string, StepMetadata>();
  for await (const event of artifact.events) {
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
        resources: liveResources(
          file,
          artifact.document.deployment.resources,
          "deployment.resources",
        ),
        notes: [],
      };
    case "checkpoint":
      return {
        name: file,
        source: `DIY checkpoint (v${artifact.document.version})`,
        resources: liveResources(
          file,
          artifact.document.checkpoint.latest?.resources,
          "checkpoint.latest.resources",
        ),
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
 * are a URN that two live resources share and an artifact with no resources (a comparison with it
 * would compare nothing).
 */
export async function readArtifact(file: string): Promise<RawStack> {
  const raw = await rawStack(
    await openArtifact(file, ["stack-export", "checkpoint", "preview", "event-log"]),
  );
  if (raw.resources.length === 0) {
    throw new UserError(
      `${file}: holds no resources, so a comparison with it would compare nothing. Pass an artifact of a stack that has been deployed (or previewed).`,
    );
  }
  return raw;
}
