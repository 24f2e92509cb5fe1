import { plainValue } from "../offline/recorder";

/** The key Pulumi marks special values with, and the signatures of assets and archives. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SIG_ASSET = "c44067f5952c0a294b673a41bacd8c17";
const SIG_ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7";

/**
 * Turns property values as Pulumi writes them in state files, previews and event logs into plain
 * JSON: secrets become "[secret]" (their ciphertext or plaintext is dropped), resource references
 * their URN, unknowns "[unknown]", and an asset or archive the hash of its contents, so two
 * deployments of the same code compare equal and a code change shows as one changed property.
 */
export function stateValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stateValue);
  if (typeof value !== "object" || value === null) return plainValue(value);
  const record = value as Record<string, unknown>;
  const sig = record[SIG_KEY];
  if ((sig === SIG_ASSET || sig === SIG_ARCHIVE) && typeof record.hash === "string") {
    return `${sig === SIG_ASSET ? "asset" : "archive"} sha256:${record.hash}`;
  }
  if (sig !== undefined) return plainValue(record);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) out[k] = stateValue(v);
  return out;
}
