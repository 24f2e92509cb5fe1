import { UserError } from "../../components/errors";
import { readBody } from "./body";

/** One HTTP answer, read whole. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
  readonly text: string;
}

/** What a check may send besides the method and path. */
export interface HttpRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** The methods a read-only client sends: they change nothing on a conforming server. */
export const READ_ONLY_METHODS: readonly string[] = ["GET", "HEAD"];

/**
 * Requests against one environment. Redirects are never followed (the checks inspect them), every
 * request has the same timeout, every request stops when `deadline` aborts (with its reason),
 * bodies are read within the caps of ./body.ts, and failing to get an answer at all is a
 * {@link UserError}: the environment could not be verified, which is not the same as a failed
 * check. A read-only client refuses to send anything but {@link READ_ONLY_METHODS}.
 */
export class HttpClient {
  constructor(
    private readonly base: URL,
    private readonly timeoutMs: number,
    private readonly readOnly = false,
    private readonly deadline?: AbortSignal,
  ) {}

  /** `target`: a path on the environment, or an absolute URL. */
  async request(target: string, init: HttpRequest = {}): Promise<HttpAnswer> {
    const url = new URL(target, this.base);
    const method = init.method ?? "GET";
    if (this.readOnly && !READ_ONLY_METHODS.includes(method)) {
      throw new Error(`verify: a read-only run must not send ${method} ${url.href}`);
    }
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      const response = await fetch(url, {
        method,
        headers: init.headers,
        body: init.body,
        redirect: "manual",
        signal: this.deadline === undefined ? timeout : AbortSignal.any([timeout, this.deadline]),
      });
      const body = await readBody(response, `${method} ${url.href}`);
      return {
        status: response.status,
        headers: response.headers,
        body,
        text: body.toString("utf8"),
      };
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(describeFailure(error, method, url, this.timeoutMs));
    }
  }
}

function describeFailure(error: unknown, method: string, url: URL, timeoutMs: number): string {
  // Duck-typed: fetch's errors may come from another realm (test sandboxes), where instanceof fails.
  if (field(error, "name") === "TimeoutError") {
    return `verify: no answer within ${timeoutMs} ms to ${method} ${url.href}. Check that the environment is up, or raise --timeout.`;
  }
  const cause: unknown = field(error, "cause") ?? error;
  const code = field(cause, "code") ?? "";
  const message = field(cause, "message") ?? String(cause);
  if (code.startsWith("HPE_")) {
    return `verify: ${url.origin} did not answer ${method} ${url.pathname} in HTTP (${code}: ${message}). Pass the URL of the web endpoint, not of another service.`;
  }
  const reason = code === "" ? message : `${code}: ${message}`;
  return `verify: cannot reach ${url.origin} (${reason}) on ${method} ${url.pathname}. Check the URL and that the environment is up.`;
}

function field(value: unknown, name: "name" | "code" | "message"): string | undefined;
function field(value: unknown, name: "cause"): unknown;
function field(value: unknown, name: string): unknown {
  if (typeof value !== "object" || value === null || !(name in value)) return undefined;
  const found: unknown = (value as Record<string, unknown>)[name];
  return name === "cause" || typeof found === "string" ? found : undefined;
}
