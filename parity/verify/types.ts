/** The checks `parity verify` runs, in the order it runs them. */
export const CHECK_NAMES = [
  "healthz",
  "release",
  "cdn",
  "html-not-cached",
  "assets",
  "assets-immutable",
  "previous-assets",
  "missing-asset",
  "read-your-writes",
  "migration",
  "no-stack-traces",
  "https-redirect",
  "hsts",
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export type CheckStatus = "pass" | "fail" | "skip";

/** The verdict of one check: which, why, and what was seen when it failed. */
export interface CheckResult {
  readonly name: CheckName;
  readonly status: CheckStatus;
  /** One sentence: what was proven, or what is wrong. */
  readonly summary: string;
  readonly expected?: string;
  readonly seen?: string;
}

/** Everything `parity verify` decided about one environment. */
export interface VerifyReport {
  readonly url: string;
  readonly release: string;
  readonly checks: readonly CheckResult[];
  /** True when no check failed (skipped checks do not fail a run). */
  readonly ok: boolean;
}

/** Validated input of {@link verifyEnvironment}. */
export interface VerifyOptions {
  /** The environment's base URL (http: or https:), e.g. the CDN hostname. */
  readonly url: URL;
  /** The release id the environment must serve. */
  readonly release: string;
  /** The schema version the database must be at; the check is skipped when absent. */
  readonly migration?: number;
  /** How many times the read-your-writes check reads its own write back. */
  readonly reads: number;
  /** Per-request timeout in milliseconds; a timeout ends the run (exit 2). */
  readonly timeoutMs: number;
  /** The whole run's deadline in milliseconds; running out of it ends the run (exit 2). */
  readonly deadlineMs: number;
  /**
   * Send only GET requests, for production: the read-your-writes check (which writes a note) and
   * the malformed POST probe are skipped.
   */
  readonly readOnly: boolean;
  /** Every answer must have come through Cloudflare (a `cf-ray` header); skipped when false. */
  readonly throughCloudflare: boolean;
  /** URL prefix of the content-hashed assets (the stacks' `assetPathPrefix`). */
  readonly assetPathPrefix: string;
  /**
   * Hashed asset paths of the release being replaced, read from its page saved before the deploy
   * (`--previous-page`): they must still load from the new one (skew protection). Skipped when
   * absent.
   */
  readonly previousAssets?: readonly string[];
}
