import type { RawResource } from "../graph/raw";
import { plainValue } from "../pulumi-values";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? (plainValue(value) as Record<string, unknown>) : {};
}

function urns(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** True when `value` looks like one resource of a Pulumi state file (it has a URN and a type). */
export function isResourceState(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value.urn === "string" && typeof value.type === "string";
}

/**
 * Reads one resource in the state shape shared by `pulumi stack export`, checkpoints, the
 * preview's `newState` and the event log's step metadata (`apitype.ResourceV3`).
 */
export function resourceFromState(state: Record<string, unknown>): RawResource {
  const propertyDependencies: Record<string, string[]> = {};
  if (isRecord(state.propertyDependencies)) {
    for (const [name, deps] of Object.entries(state.propertyDependencies)) {
      propertyDependencies[name] = urns(deps);
    }
  }
  return {
    urn: state.urn as string,
    type: state.type as string,
    custom: state.custom === true,
    id: text(state.id),
    parent: text(state.parent),
    provider: text(state.provider),
    dependencies: urns(state.dependencies),
    propertyDependencies,
    inputs: record(state.inputs),
    outputs: record(state.outputs),
    protect: state.protect === true,
  };
}

/** The resources of a state file's `resources` array, leaving out those pending deletion. */
export function resourcesFromStates(states: unknown): RawResource[] {
  if (!Array.isArray(states)) return [];
  return states
    .filter(isResourceState)
    .filter((state) => state.delete !== true)
    .map(resourceFromState);
}
