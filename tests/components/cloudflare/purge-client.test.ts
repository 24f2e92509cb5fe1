import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  purgeHostnames,
  retryAfterMs,
  type PurgeClientOptions,
} from "../../../components/cloudflare/purge-client";
import { UserError } from "../../../components/errors";

interface RecordedRequest {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/** How the stub answers one request: "hang" never answers (a timeout), "drop" resets the socket. */
type Reply = { status: number; body: unknown; headers?: Record<string, string> } | "hang" | "drop";

const ZONE_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const REQUEST = {
  zoneId: ZONE_ID,
  hostnames: ["staging.parity-stack.dev"],
  apiToken: "cf-test-token",
};
const OK: Reply = {
  status: 200,
  body: {
    success: true,
    errors: [],
    messages: [],
    result: { id: "9a7806061c88ada191ed06f989cc3dac" },
  },
};

let server: Server;
let baseUrl: string;
let requests: RecordedRequest[];
let replies: Reply[];
let delays: number[];

function options(extra: PurgeClientOptions = {}): PurgeClientOptions {
  return {
    baseUrl,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    ...extra,
  };
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const text = Buffer.concat(chunks).toString("utf8");
    requests.push({
      method: req.method,
      url: req.url,
      authorization: req.headers.authorization,
      contentType: req.headers["content-type"],
      body: text === "" ? undefined : (JSON.parse(text) as unknown),
    });
    const reply = replies.shift() ?? OK;
    if (reply === "hang") return;
    if (reply === "drop") {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(JSON.stringify(reply.body));
  });
}

beforeEach(async () => {
  requests = [];
  replies = [];
  delays = [];
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
});

describe("purgeHostnames", () => {
  it("posts the hostnames to the zone's purge_cache endpoint with the bearer token", async () => {
    const result = await purgeHostnames(REQUEST, options());

    expect(result).toEqual({ id: "9a7806061c88ada191ed06f989cc3dac", attempts: 1 });
    expect(requests).toEqual([
      {
        method: "POST",
        url: `/client/v4/zones/${ZONE_ID}/purge_cache`,
        authorization: "Bearer cf-test-token",
        contentType: "application/json",
        body: { hosts: ["staging.parity-stack.dev"] },
      },
    ]);
    expect(delays).toEqual([]);
  });

  it("waits as long as Retry-After asks after a 429, then succeeds", async () => {
    replies = [
      {
        status: 429,
        body: {
          success: false,
          errors: [
            { code: 971, message: "Please wait and consider throttling your request speed" },
          ],
        },
        headers: { "retry-after": "7" },
      },
    ];

    const result = await purgeHostnames(REQUEST, options());

    expect(result.attempts).toBe(2);
    expect(delays).toEqual([7000]);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.body).toEqual({ hosts: ["staging.parity-stack.dev"] });
  });

  it("retries after a dropped connection, then succeeds", async () => {
    replies = ["drop"];

    const result = await purgeHostnames(REQUEST, options());

    expect(result.attempts).toBe(2);
    expect(delays).toEqual([1000]);
  });

  it("backs off exponentially on 5xx and gives up after the last attempt", async () => {
    const unavailable = {
      status: 500,
      body: { success: false, errors: [{ code: 10000, message: "Internal Server Error" }] },
    };
    replies = [unavailable, unavailable, unavailable, unavailable];

    const purge = purgeHostnames(REQUEST, options({ maxAttempts: 4, backoffMs: 250 }));

    await expect(purge).rejects.toThrow(
      new UserError(
        `The Cloudflare cache purge of staging.parity-stack.dev in zone ${ZONE_ID} failed after 4 attempts; the last one: HTTP 500: Internal Server Error. Run the deployment again; if it keeps failing, check https://www.cloudflarestatus.com.`,
      ),
    );
    expect(requests).toHaveLength(4);
    expect(delays).toEqual([250, 500, 1000]);
  });

  it("caps a long Retry-After at maxDelayMs", async () => {
    replies = [{ status: 503, body: {}, headers: { "retry-after": "3600" } }];

    await purgeHostnames(REQUEST, options({ maxDelayMs: 30_000 }));

    expect(delays).toEqual([30_000]);
  });

  it("fails at once on 403 with Cloudflare's error message and what to fix", async () => {
    replies = [
      {
        status: 403,
        body: {
          success: false,
          errors: [{ code: 10000, message: "Authentication error" }],
          messages: [],
          result: null,
        },
      },
    ];

    const purge = purgeHostnames(REQUEST, options());

    await expect(purge).rejects.toThrow(
      new UserError(
        `Cloudflare refused the cache purge of staging.parity-stack.dev in zone ${ZONE_ID} (HTTP 403): Authentication error. Check that the API token (cloudflare:apiToken or CLOUDFLARE_API_TOKEN) is valid and has the Zone / Cache Purge permission on this zone.`,
      ),
    );
    expect(requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("gives up when no attempt answers within the timeout", async () => {
    replies = ["hang", "hang"];

    const purge = purgeHostnames(REQUEST, options({ timeoutMs: 50, maxAttempts: 2 }));

    await expect(purge).rejects.toThrow(
      new UserError(
        `The Cloudflare cache purge of staging.parity-stack.dev in zone ${ZONE_ID} failed after 2 attempts; the last one: no response within 50 ms. Run the deployment again; if it keeps failing, check https://www.cloudflarestatus.com.`,
      ),
    );
    expect(requests).toHaveLength(2);
    expect(delays).toEqual([1000]);
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-11-21T12:00:00Z");

  it.each([
    [null, undefined],
    ["12", 12_000],
    ["0", 0],
    ["Sat, 21 Nov 2026 12:00:30 GMT", 30_000],
    ["Sat, 21 Nov 2026 11:59:00 GMT", 0],
    ["soon", undefined],
  ])("reads Retry-After %p as %p ms", (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});

describe("the API token", () => {
  it("falls back to CLOUDFLARE_API_TOKEN when the request has none", async () => {
    await purgeHostnames(
      { ...REQUEST, apiToken: undefined },
      options({ env: { CLOUDFLARE_API_TOKEN: "cf-env-token" } }),
    );

    expect(requests.map((request) => request.authorization)).toEqual(["Bearer cf-env-token"]);
  });

  it("is required: without one nothing is sent and the error says how to set it", async () => {
    const purge = purgeHostnames({ ...REQUEST, apiToken: undefined }, options({ env: {} }));

    await expect(purge).rejects.toThrow(
      new UserError(
        "The Cloudflare cache purge has no API token. Set one with `pulumi config set --secret cloudflare:apiToken <token>` or export CLOUDFLARE_API_TOKEN; it needs the Zone / Cache Purge permission.",
      ),
    );
    expect(requests).toEqual([]);
  });

  it("fails with the error the caller builds, for code that cannot construct a UserError", async () => {
    const purge = purgeHostnames(
      { ...REQUEST, apiToken: undefined },
      options({ env: {}, fail: (message) => new RangeError(message) }),
    );

    await expect(purge).rejects.toBeInstanceOf(RangeError);
  });
});
