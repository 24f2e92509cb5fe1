import type { RawStack } from "../graph/raw";
import { isResourceState, resourceFromState } from "./state-resource";

interface StepMetadata {
  readonly op?: unknown;
  readonly urn?: unknown;
  readonly new?: unknown;
}
interface EngineEvent {
  readonly sequence?: unknown;
  readonly resourcePreEvent?: { readonly metadata?: StepMetadata };
  readonly resOutputsEvent?: { readonly metadata?: StepMetadata };
}

/** True when `value` is one engine event (`{sequence, timestamp, <kind>Event}`). */
export function isEngineEvent(value: unknown): value is EngineEvent {
  const e = value as EngineEvent | null;
  return typeof e === "object" && e !== null && typeof e.sequence === "number";
}

/**
 * Reads an engine event log (`pulumi up|preview|refresh --event-log FILE`): the last step
 * metadata of each resource (`resOutputsEvent` after `resourcePreEvent`) gives its `new` state;
 * a resource whose last step is a delete is not in the result.
 */
export function readEventLog(events: readonly EngineEvent[], file: string): RawStack {
  const latest = new Map<string, StepMetadata>();
  for (const event of events) {
    const metadata = event.resOutputsEvent?.metadata ?? event.resourcePreEvent?.metadata;
    if (metadata !== undefined && typeof metadata.urn === "string") {
      latest.set(metadata.urn, metadata);
    }
  }
  const resources = [...latest.values()]
    .filter((step) => step.op !== "delete" && step.op !== "discard")
    .map((step) => step.new)
    .filter(isResourceState)
    .filter((state) => state.delete !== true)
    .map(resourceFromState);
  return { name: file, source: "engine event log", resources, notes: [] };
}
