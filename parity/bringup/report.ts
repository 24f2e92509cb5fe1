import type { DurationTable } from "./durations";
import type { StackBringUp } from "./stack-bringup";

/** Every evaluated stack brought up and torn down, as `parity plan` reports it. */
export interface BringUpReport {
  /** Where the durations come from and when they were taken. */
  readonly durations: Omit<DurationTable, "types" | "unlisted">;
  readonly stacks: readonly StackBringUp[];
  /** True when no stack has a readiness or teardown finding. */
  readonly holds: boolean;
}

/** The findings of one stack: readiness first, then teardown. */
export function findingCount(stack: StackBringUp): number {
  return stack.readiness.length + stack.teardownFindings.length;
}
