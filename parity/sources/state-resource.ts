import type { RawResource } from "../graph/raw";
import { plainValue } from "../pulumi-values";
import type { ResourceState, StepState } from "./schemas";

function text(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function properties(
  value: Readonly<Record<string, unknown>> | null | undefined,
): Record<string, unknown> {
  return value === null || value === undefined
    ? {}
    : (plainValue(value) as Record<string, unknown>);
}

/** Dependencies, which state files and previews record and the event log's step metadata does not. */
function stateFileOnly(state: ResourceState | StepState): {
  dependencies: readonly string[];
  propertyDependencies: Readonly<Record<string, readonly string[] | null>>;
} {
  const full = state as Partial<ResourceState>;
  return {
    dependencies: full.dependencies ?? [],
    propertyDependencies: full.propertyDependencies ?? {},
  };
}

/**
 * Reads one resource in the state shape shared by `pulumi stack export`, checkpoints, the
 * preview's `newState` (`apitype.ResourceV3`) and the event log's step metadata.
 */
export function resourceFromState(state: ResourceState | StepState): RawResource {
  const { dependencies, propertyDependencies } = stateFileOnly(state);
  return {
    urn: state.urn,
    type: state.type,
    custom: state.custom === true,
    id: text(state.id),
    parent: text(state.parent),
    provider: text(state.provider),
    dependencies: dependencies.filter((urn) => urn !== ""),
    propertyDependencies: Object.fromEntries(
      Object.entries(propertyDependencies).map(([name, urns]) => [
        name,
        (urns ?? []).filter((urn) => urn !== ""),
      ]),
    ),
    inputs: properties(state.inputs),
    outputs: properties(state.outputs),
    protect: state.protect === true,
  };
}
