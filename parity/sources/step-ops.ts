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
