import path from "node:path";
import { EDGE_RULE_FIELDS } from "../components/cloudflare/edge-rules";
import { check } from "../components/errors";
import { projectAssetPathPrefix } from "../parity/verify/project-asset-prefix";
import { findBrowser } from "./chromium";
import { FUNCTIONAL_TESTS } from "./suite";
import type { SuiteOptions } from "./types";

/** Where screenshots and traces of failed tests go unless `--artifacts` says otherwise. */
export const DEFAULT_ARTIFACTS_DIR = "functional-results";
/** One browser action: generous for a CDN's cold start, short enough for CI. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Command-line input of a run, besides the URL. */
export interface RawSuiteOptions {
  readonly readOnly?: boolean;
  readonly artifacts?: string;
  readonly browser?: string;
  readonly timeout?: number;
  readonly assetPathPrefix?: string;
}

/**
 * Validates the URL and options of a run given in `cwd`; throws `UserError` naming what to fix.
 * The asset prefix defaults to the stacks' `assetPathPrefix` when `cwd` holds the project's
 * Pulumi.yaml (as in the pipelines), else to the built-in default.
 */
export function parseSuiteOptions(url: string, raw: RawSuiteOptions, cwd: string): SuiteOptions {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  check(
    parsed !== undefined && (parsed.protocol === "http:" || parsed.protocol === "https:"),
    () =>
      `functional: "${url}" is not an http:// or https:// URL. Pass the environment's base URL, e.g. https://staging.example.com.`,
  );
  const timeoutMs = raw.timeout ?? DEFAULT_TIMEOUT_MS;
  check(timeoutMs >= 1, () => `functional: --timeout must be at least 1 ms (got ${timeoutMs}).`);
  const assetPathPrefix = raw.assetPathPrefix ?? projectAssetPathPrefix(cwd);
  const prefixRule = EDGE_RULE_FIELDS.assetPathPrefix;
  check(
    prefixRule.schema.safeParse(assetPathPrefix).success,
    () =>
      `functional: --asset-path-prefix must be ${prefixRule.allowed} (got "${assetPathPrefix}"); pass the stacks' assetPathPrefix from Pulumi.yaml.`,
  );
  return {
    url: parsed,
    readOnly: raw.readOnly ?? false,
    artifactsDir: path.resolve(cwd, raw.artifacts ?? DEFAULT_ARTIFACTS_DIR),
    browserPath: findBrowser(raw.browser),
    timeoutMs,
    assetPathPrefix,
    tests: FUNCTIONAL_TESTS,
  };
}
