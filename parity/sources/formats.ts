/** The Pulumi artifacts `parity diff` reads, for messages that list them. */
export const KNOWN_FORMATS = [
  "`pulumi stack export` (deployment version 3 or 4)",
  "a DIY-backend checkpoint file ({version, checkpoint: {stack, latest}})",
  "`pulumi preview --json` (best with --show-sames)",
  "an engine event log (`--event-log`, one JSON object per line)",
] as const;

export function knownFormats(): string {
  return KNOWN_FORMATS.join("; ");
}
