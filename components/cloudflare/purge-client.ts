import { UserError } from "../errors";

/** Cloudflare's API v4 root. */
export const CLOUDFLARE_API_URL = "https://api.cloudflare.com/client/v4";

/** What to purge: every cached file of `hostnames` in zone `zoneId`. */
export interface PurgeRequest {
  readonly zoneId: string;
  readonly hostnames: readonly string[];
  /**
   * Cloudflare API token with the Zone / Cache Purge permission.
   * @default `CLOUDFLARE_API_TOKEN` from the environment
   */
  readonly apiToken?: string | undefined;
}

export interface PurgeClientOptions {
  /**
   * API root the request goes to.
   * @default CLOUDFLARE_API_URL
   */
  readonly baseUrl?: string;
  /**
   * Time one request (response and body) may take before it is abandoned and retried.
   * @default 10000
   */
  readonly timeoutMs?: number;
  /**
   * Requests made in all before giving up, counting the first.
   * @default 5
   */
  readonly maxAttempts?: number;
  /**
   * Wait before the first retry; it doubles with each further retry.
   * @default 1000
   */
  readonly backoffMs?: number;
  /**
   * Longest wait between two attempts, also for a `Retry-After` that asks for more.
   * @default 60000
   */
  readonly maxDelayMs?: number;
  /** How to wait between attempts; tests pass one that records the delays. */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Where `CLOUDFLARE_API_TOKEN` is read when the request has no token.
   * @default process.env
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Builds the error for a failure the user must fix. Pulumi's closure serialization cannot
   * construct subclasses of `Error` (their message is lost), so the dynamic provider, which runs
   * serialized, passes one that returns a plain `Error`.
   * @default a {@link UserError}
   */
  readonly fail?: (message: string) => Error;
}

export interface PurgeResult {
  /** The purge request id Cloudflare returned, when it returned one. */
  readonly id: string | undefined;
  /** Requests it took, counting the successful one. */
  readonly attempts: number;
}

interface CloudflareResponse {
  readonly success?: unknown;
  readonly errors?: unknown;
  readonly result?: { readonly id?: unknown } | null;
}

type Attempt =
  | { readonly done: true; readonly id: string | undefined }
  | { readonly done: false; readonly reason: string; readonly retryAfterMs: number | undefined };

/**
 * Milliseconds a `Retry-After` header asks to wait (delay-seconds or an HTTP date, RFC 9110),
 * or undefined when it is absent or unreadable.
 */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function errorMessages(body: CloudflareResponse | undefined): string {
  const errors = Array.isArray(body?.errors) ? (body.errors as unknown[]) : [];
  const messages = errors
    .map((error) =>
      typeof error === "object" && error !== null && "message" in error ? error.message : undefined,
    )
    .filter((message): message is string => typeof message === "string" && message !== "");
  return messages.length === 0 ? "no error message in the response" : messages.join("; ");
}

function fixFor(status: number): string {
  if (status === 401 || status === 403) {
    return "Check that the API token (cloudflare:apiToken or CLOUDFLARE_API_TOKEN) is valid and has the Zone / Cache Purge permission on this zone.";
  }
  if (status === 404) return "Check that cloudflareZoneId names a zone this token can see.";
  return "Check the zone id and hostnames.";
}

function parseBody(text: string): CloudflareResponse | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === "object" && body !== null ? body : undefined;
  } catch {
    return undefined;
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/**
 * Why a request threw. Read by shape, not `instanceof`: fetch's errors may come from another
 * realm than this module's `Error`.
 */
function failureOf(error: unknown, timeoutMs: number): string {
  if (field(error, "name") === "TimeoutError") return `no response within ${timeoutMs} ms`;
  const cause = field(error, "cause") ?? error;
  const message = field(cause, "message");
  return `network error: ${typeof message === "string" ? message : String(cause)}`;
}

interface AttemptContext {
  readonly url: string;
  readonly apiToken: string;
  readonly body: string;
  readonly timeoutMs: number;
  /** The purge in words, for messages. */
  readonly what: string;
  readonly fail: (message: string) => Error;
}

async function attempt(ctx: AttemptContext): Promise<Attempt> {
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const response = await fetch(ctx.url, {
      method: "POST",
      headers: { Authorization: `Bearer ${ctx.apiToken}`, "Content-Type": "application/json" },
      body: ctx.body,
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
    status = response.status;
    retryAfter = response.headers.get("retry-after");
    text = await response.text();
  } catch (error) {
    return { done: false, reason: failureOf(error, ctx.timeoutMs), retryAfterMs: undefined };
  }
  const body = parseBody(text);
  if (status === 429 || status >= 500) {
    return {
      done: false,
      reason: `HTTP ${status}: ${errorMessages(body)}`,
      retryAfterMs: retryAfterMs(retryAfter, Date.now()),
    };
  }
  if (status < 200 || status > 299 || body?.success !== true) {
    throw ctx.fail(
      `Cloudflare refused the cache purge of ${ctx.what} (HTTP ${status}): ${errorMessages(body)}. ${fixFor(status)}`,
    );
  }
  const id = body.result?.id;
  return { done: true, id: typeof id === "string" ? id : undefined };
}

/**
 * Purges everything Cloudflare has cached for `request.hostnames` in one zone
 * (`POST /zones/{zone_id}/purge_cache` with `{"hosts": [...]}`). Each request has its own
 * timeout; a timeout, a network error, 429 or 5xx is retried with exponential backoff (or after
 * the `Retry-After` Cloudflare sends), up to `maxAttempts` requests. A missing token or any other
 * refusal is a {@link UserError} carrying Cloudflare's error messages.
 */
export async function purgeHostnames(
  request: PurgeRequest,
  options: PurgeClientOptions = {},
): Promise<PurgeResult> {
  const baseUrl = options.baseUrl ?? CLOUDFLARE_API_URL;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const backoffMs = options.backoffMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const sleep =
    options.sleep ??
    ((ms: number) =>
      new Promise<void>((resolve) => {
        setTimeout(resolve, ms);
      }));
  const env = options.env ?? process.env;
  const fail = options.fail ?? ((message: string) => new UserError(message));
  const apiToken =
    request.apiToken !== undefined && request.apiToken !== ""
      ? request.apiToken
      : env.CLOUDFLARE_API_TOKEN;
  if (apiToken === undefined || apiToken === "") {
    throw fail(
      "The Cloudflare cache purge has no API token. Set one with `pulumi config set --secret cloudflare:apiToken <token>` or export CLOUDFLARE_API_TOKEN; it needs the Zone / Cache Purge permission.",
    );
  }
  const ctx: AttemptContext = {
    url: `${baseUrl}/zones/${encodeURIComponent(request.zoneId)}/purge_cache`,
    apiToken,
    body: JSON.stringify({ hosts: request.hostnames }),
    timeoutMs,
    what: `${request.hostnames.join(", ")} in zone ${request.zoneId}`,
    fail,
  };

  let last = "";
  for (let attempts = 1; attempts <= maxAttempts; attempts++) {
    const result = await attempt(ctx);
    if (result.done) return { id: result.id, attempts };
    last = result.reason;
    if (attempts < maxAttempts) {
      await sleep(Math.min(maxDelayMs, result.retryAfterMs ?? backoffMs * 2 ** (attempts - 1)));
    }
  }
  throw fail(
    `The Cloudflare cache purge of ${ctx.what} failed after ${maxAttempts} attempts; the last one: ${last}. Run the deployment again; if it keeps failing, check https://www.cloudflarestatus.com.`,
  );
}
