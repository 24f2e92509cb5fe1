/** The Pulumi artifacts this tool reads, as the format detector names them. */
export type ArtifactFormat = "stack-export" | "checkpoint" | "preview" | "event-log";

/** Each format as messages name it. */
export const FORMAT_NAMES: Readonly<Record<ArtifactFormat, string>> = {
  "stack-export": "`pulumi stack export` (deployment version 3 or 4)",
  checkpoint: "a DIY-backend checkpoint file ({version, checkpoint: {stack, latest}})",
  preview:
    "preview JSON (`pulumi preview --json --show-sames`, `pulumi refresh --preview-only --json`)",
  "event-log": "an engine event log (`--event-log`, one JSON object per line)",
};

/** `formats` named for a message, in the order given. */
export function formatList(formats: readonly ArtifactFormat[]): string {
  return formats.map((format) => FORMAT_NAMES[format]).join("; ");
}
