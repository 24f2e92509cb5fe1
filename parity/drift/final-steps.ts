import { REPLACEMENT_OPS } from "../sources/step-ops";
import type { Step } from "./step";

/**
 * The last word on each resource: an event log and a refresh preview report a resource more than
 * once (`refresh`, then `update`; `resourcePre`, then `resOutputs`); resources pending deletion
 * share a URN, so the recorded id tells them apart; the steps of one replacement are one change.
 */
export function finalSteps(steps: readonly Step[]): Step[] {
  const byKey = new Map<string, Step>();
  for (const step of steps) {
    const key = REPLACEMENT_OPS.has(step.op)
      ? `${step.urn}#replace`
      : `${step.urn}#${step.old?.id ?? ""}`;
    const previous = byKey.get(key);
    if (previous?.op === "replace" && step.op !== "replace") continue;
    byKey.set(key, step);
  }
  return [...byKey.values()];
}
