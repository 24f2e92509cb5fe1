import { check } from "../../components/errors";
import { EDGE_RULE_FIELDS } from "../../components/cloudflare/edge-rules";
import { DEFAULT_ASSET_PATH_PREFIX, hashedAssets } from "./checks";
import type { VerifyOptions } from "./types";

/** Reads back at least this often to catch a lagging replica. */
export const DEFAULT_READS = 20;
/** Generous for a CDN cold start, short enough for CI. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** The whole run: about 40 requests, each well under its timeout on an environment that is up. */
export const DEFAULT_DEADLINE_MS = 120_000;

/** Raw command-line input of `parity verify`. */
export interface RawVerifyOptions {
  readonly release: string;
  readonly migration?: number;
  readonly reads?: number;
  readonly timeout?: number;
  readonly deadline?: number;
  readonly readOnly?: boolean;
  readonly throughCloudflare?: boolean;
  readonly assetPathPrefix?: string;
  /** The previous release's page (its HTML, as `--previous-page` read it) and where it came from. */
  readonly previousPage?: { readonly file: string; readonly html: string };
}

/** Validates the URL and options of `parity verify`; throws `UserError` naming what to fix. */
export function parseVerifyOptions(url: string, raw: RawVerifyOptions): VerifyOptions {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  check(
    parsed !== undefined,
    () =>
      `verify: "${url}" is not a URL. Pass the environment's base URL, e.g. https://staging.example.com.`,
  );
  check(
    parsed.protocol === "http:" || parsed.protocol === "https:",
    () =>
      `verify: "${url}" is not an HTTP URL (scheme "${parsed.protocol}"). Pass an http:// or https:// URL.`,
  );
  check(
    raw.release.trim() !== "",
    () => "verify: --release must name the release id the environment should serve.",
  );
  const reads = raw.reads ?? DEFAULT_READS;
  const timeoutMs = raw.timeout ?? DEFAULT_TIMEOUT_MS;
  check(reads >= 1, () => `verify: --reads must be at least 1 (got ${reads}).`);
  check(timeoutMs >= 1, () => `verify: --timeout must be at least 1 ms (got ${timeoutMs}).`);
  const deadlineMs = raw.deadline ?? DEFAULT_DEADLINE_MS;
  check(deadlineMs >= 1, () => `verify: --deadline must be at least 1 ms (got ${deadlineMs}).`);
  const assetPathPrefix = raw.assetPathPrefix ?? DEFAULT_ASSET_PATH_PREFIX;
  const prefixRule = EDGE_RULE_FIELDS.assetPathPrefix;
  check(
    prefixRule.schema.safeParse(assetPathPrefix).success,
    () =>
      `verify: --asset-path-prefix must be ${prefixRule.allowed} (got "${assetPathPrefix}"); pass the stacks' assetPathPrefix from Pulumi.yaml.`,
  );
  const previousAssets =
    raw.previousPage === undefined
      ? undefined
      : hashedAssets(raw.previousPage.html, assetPathPrefix);
  check(
    previousAssets === undefined || previousAssets.length > 0,
    () =>
      `verify: --previous-page ${raw.previousPage?.file ?? ""} references no hashed assets under ${assetPathPrefix}, so nothing of the previous release could be checked. Save the live page before the deploy (curl -fsS <url>/ > FILE) and pass that file.`,
  );
  return {
    url: parsed,
    ...(previousAssets === undefined ? {} : { previousAssets }),
    release: raw.release,
    ...(raw.migration === undefined ? {} : { migration: raw.migration }),
    reads,
    timeoutMs,
    deadlineMs,
    readOnly: raw.readOnly ?? false,
    throughCloudflare: raw.throughCloudflare ?? false,
    assetPathPrefix,
  };
}
