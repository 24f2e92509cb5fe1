/**
 * Every step op the Pulumi engine reports (`display.StepOp` values of pulumi/pulumi
 * `pkg/resource/deploy/step.go`); a step with any other op is not a Pulumi step.
 */
export const STEP_OPS: ReadonlySet<string> = new Set([
  "same",
  "create",
  "update",
  "delete",
  "replace",
  "create-replacement",
  "delete-replaced",
  "read",
  "read-replacement",
  "refresh",
  "discard",
  "discard-replaced",
  "remove-pending-replace",
  "import",
  "import-replacement",
]);

/** Step ops of a replacement: one resource replaced appears in several steps under one URN. */
export const REPLACEMENT_OPS: ReadonlySet<string> = new Set([
  "replace",
  "create-replacement",
  "delete-replaced",
  "discard-replaced",
  "read-replacement",
  "import-replacement",
]);

/** The op of a refresh step, which a refresh preview follows with the drift it found. */
export const REFRESH_OP = "refresh";
