/**
 * Property values as Pulumi serialises them (the SDK's wire form, state files, previews, event
 * logs), and how they are shown: special values carry a signature under one well-known key
 * (pulumi/pulumi `sdk/go/common/resource/sig`).
 */

/** How a secret appears in every graph and report: present, never shown. */
export const SECRET = "[secret]";
/** How a value the engine does not know yet (in a preview) appears. */
export const UNKNOWN = "[unknown]";

/**
 * Property keys the engine adds to inputs, not the program: `__defaults` (inputs a provider
 * filled in), `__meta` and `__internal` (provider configuration bookkeeping).
 */
export const ENGINE_INPUT_KEYS: ReadonlySet<string> = new Set([
  "__defaults",
  "__meta",
  "__internal",
]);

export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SIG_SECRET = "1b47061264138c4ac30d75fd1eb44270";
const SIG_RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e";
const SIG_ASSET = "c44067f5952c0a294b673a41bacd8c17";
const SIG_ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7";
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** `"asset"` or `"archive"` for those special values, else undefined. */
function contentKind(record: Record<string, unknown>): "asset" | "archive" | undefined {
  const sig = record[SIG_KEY];
  return sig === SIG_ASSET ? "asset" : sig === SIG_ARCHIVE ? "archive" : undefined;
}

/**
 * An asset or archive as the hash of its contents (`archive sha256:…`), so two deployments of the
 * same code compare equal and a code change shows as one changed property. Undefined for other
 * values; `kind` alone for an asset or archive whose file carries no hash.
 */
export function contentLabel(record: Record<string, unknown>): string | undefined {
  const kind = contentKind(record);
  if (kind === undefined) return undefined;
  return typeof record.hash === "string" ? `${kind} sha256:${record.hash}` : kind;
}

/**
 * Plain JSON for a property value: secrets become {@link SECRET} (ciphertext or plaintext
 * dropped), resource references their URN, unknowns {@link UNKNOWN}, an asset or archive the hash
 * of its contents, or — in the SDK's wire form, which has no hash — its path or URI.
 */
export function plainValue(value: unknown): unknown {
  if (value === UNKNOWN_VALUE) return UNKNOWN;
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  const sig = record[SIG_KEY];
  if (sig === SIG_SECRET) return SECRET;
  if (sig === SIG_RESOURCE) return record.urn;
  if (contentKind(record) !== undefined) {
    return typeof record.hash === "string"
      ? contentLabel(record)
      : { asset: record.path ?? record.uri ?? (record.text === undefined ? "archive" : "text") };
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plainValue(v)]));
}
