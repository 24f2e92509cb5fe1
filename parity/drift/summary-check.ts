import { UserError } from "../../components/errors";
import { REPLACEMENT_OPS } from "../sources/step-ops";
import { finalSteps } from "./final-steps";
import type { StepSource } from "./step";

/** The ops the engine's summary counts that change a resource: each must match the steps. */
const CHANGE_OPS = ["create", "update", "delete", "replace"] as const;

/**
 * Refuses a file whose engine summary (`changeSummary`, the summary event's `resourceChanges`)
 * counts more or fewer changes of an op than its steps show: steps were cut or edited out, and
 * the review would miss them. A file without a summary is not checked.
 */
export function checkEngineSummary(source: StepSource): void {
  const summary = source.engineSummary;
  if (summary === undefined) return;
  const counted = new Map<string, number>();
  for (const step of finalSteps(source.steps)) {
    const op = REPLACEMENT_OPS.has(step.op) ? "replace" : step.op;
    counted.set(op, (counted.get(op) ?? 0) + 1);
  }
  for (const op of CHANGE_OPS) {
    const claimed = summary[op] ?? 0;
    const shown = counted.get(op) ?? 0;
    if (claimed === shown) continue;
    throw new UserError(
      `${source.file}: the engine's summary counts ${claimed} ${op} step(s) but the file shows ${shown}: steps were cut or edited out. Pass the whole file Pulumi wrote.`,
    );
  }
}
