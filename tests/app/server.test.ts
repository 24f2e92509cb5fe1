import type { Pool } from "pg";
import { startApp, type RunningApp } from "../helpers/app-server";

/** A database that is down: every query fails, as when the writer is unreachable. */
const downDatabase = {
  query: () => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.5:5432")),
} as unknown as Pool;

let app: RunningApp;

beforeAll(async () => {
  app = await startApp({
    writer: downDatabase,
    reader: downDatabase,
    readStrategy: "read-your-writes",
    releaseId: "r9",
  });
});

afterAll(() => app.close());

describe("the reference app's HTTP behaviour", () => {
  it("serves the page uncached with HSTS, naming the release", async () => {
    const response = await fetch(`${app.url}/`);

    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("strict-transport-security")).toBe(
      "max-age=63072000; includeSubDomains",
    );
    expect(await response.text()).toContain('<meta name="release" content="r9" />');
  });

  it("serves hashed assets as immutable for a year", async () => {
    const page = await (await fetch(`${app.url}/`)).text();
    const script = /src="(\/assets\/app\.[0-9a-f]{12}\.js)"/.exec(page)?.[1] ?? "";

    const response = await fetch(`${app.url}${script}`);

    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  });

  it("answers an unknown asset with a plain-text 404, never the page", async () => {
    const response = await fetch(`${app.url}/assets/app.000000000000.js`);

    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });

  it.each([
    ["GET", 301],
    ["POST", 308],
  ])(
    "redirects %s over plain HTTP (X-Forwarded-Proto: http) to HTTPS with %i",
    async (method, status) => {
      const response = await fetch(`${app.url}/notes?x=1`, {
        method,
        redirect: "manual",
        headers: { "x-forwarded-proto": "http" },
      });

      expect(response.status).toBe(status);
      expect(response.headers.get("location")).toBe(`https://${new URL(app.url).host}/notes?x=1`);
    },
  );

  it("answers /healthz even over plain HTTP, for load-balancer health checks", async () => {
    const response = await fetch(`${app.url}/healthz`, {
      headers: { "x-forwarded-proto": "http" },
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers a server error with a generic message and logs the cause with its stack", async () => {
    const response = await fetch(`${app.url}/release`);

    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"error":"internal error"}\n');
    expect(app.errors.at(-1)).toMatch(
      /^error on GET \/release: Error: connect ECONNREFUSED 10\.0\.0\.5:5432\n\s+at /,
    );
  });

  it("answers malformed JSON with a 400 that says what is expected", async () => {
    const response = await fetch(`${app.url}/notes`, { method: "POST", body: '{"slug":' });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'body must be JSON: {"slug": "…", "body": "…"}',
    });
  });
});
