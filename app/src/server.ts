import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Pool } from "pg";
import type { AssetStore } from "./asset-store";
import type { AssetBundle } from "./assets";
import type { ReadStrategyName } from "./config";
import { IMMUTABLE } from "./cache-control";
import { inTransaction } from "./db";
import { bumpWriteMark, FRESHNESS_COOKIE } from "./freshness";
import { schemaVersion } from "./migrations";
import type { ReadRouter } from "./reads";

/** What the HTTP layer needs; `main.ts` builds it from the environment, tests from their own. */
export interface AppDeps {
  readonly releaseId: string;
  readonly readStrategy: ReadStrategyName;
  readonly writer: Pool;
  readonly reader: Pool;
  readonly router: ReadRouter;
  /** The page and assets, built for `releaseId` (`main.ts`); tests may serve another build. */
  readonly assets: AssetBundle;
  /**
   * Every release's assets (skew protection): an asset this build lacks is served from here.
   * Without one, only this build's assets are served.
   */
  readonly assetStore?: AssetStore;
  /** Where server-side errors are logged (with their stack); never sent to clients. */
  readonly log: (line: string) => void;
}

/** Two years, with subdomains: what the HSTS preload list asks for. */
export const HSTS = "max-age=63072000; includeSubDomains";
/** The page names the release's assets, so no cache may keep it. */
export const NO_STORE = "no-store";
/** Request bodies are tiny notes; anything larger is refused. */
const MAX_BODY_BYTES = 16 * 1024;

/** A failure the client caused, answered with `status` and a one-line message. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The reference app's HTTP server (not yet listening). */
export function createApp(deps: AppDeps): Server {
  return createServer((request, response) => {
    response.setHeader("Strict-Transport-Security", HSTS);
    response.setHeader("X-Content-Type-Options", "nosniff");
    handle(deps, request, response).catch((error: unknown) => {
      if (error instanceof HttpError) {
        sendJson(response, error.status, { error: error.message });
        return;
      }
      deps.log(
        `error on ${request.method ?? "?"} ${request.url ?? "?"}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!response.headersSent) sendJson(response, 500, { error: "internal error" });
      else response.destroy();
    });
  });
}

async function handle(
  deps: AppDeps,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://app.invalid");
  const method = request.method === "HEAD" ? "GET" : (request.method ?? "GET");
  if (url.pathname === "/healthz") {
    sendJson(response, 200, { status: "ok" });
    return;
  }
  if (forwardedProto(request) === "http") {
    redirectToHttps(request, response, method);
    return;
  }
  if (method === "GET" && url.pathname === "/") {
    send(response, 200, "text/html; charset=utf-8", NO_STORE, deps.assets.page);
    return;
  }
  if (method === "GET" && url.pathname.startsWith(deps.assets.prefix)) {
    const asset =
      deps.assets.byPath.get(url.pathname) ?? (await deps.assetStore?.fetch(url.pathname));
    if (asset === undefined) {
      send(response, 404, "text/plain; charset=utf-8", NO_STORE, "asset not found\n");
      return;
    }
    send(response, 200, asset.contentType, IMMUTABLE, asset.body);
    return;
  }
  if (method === "GET" && url.pathname === "/release") {
    sendJson(response, 200, {
      releaseId: deps.releaseId,
      schemaVersion: await schemaVersion(deps.writer),
      readStrategy: deps.readStrategy,
    });
    return;
  }
  if (method === "POST" && url.pathname === "/notes") {
    await createNote(deps, request, response);
    return;
  }
  const noteId = /^\/notes\/(\d{1,18})$/.exec(url.pathname)?.[1];
  if (method === "GET" && noteId !== undefined) {
    await readNote(deps, request, response, noteId);
    return;
  }
  throw new HttpError(404, "not found");
}

async function createNote(
  deps: AppDeps,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const input = parseNote(await readBody(request));
  let written: { id: string; token: string };
  try {
    written = await inTransaction(deps.writer, async (transaction) => {
      const inserted = await transaction.query<{ id: string }>(
        "INSERT INTO notes (slug, body) VALUES ($1, $2) RETURNING id::text AS id",
        [input.slug, input.body],
      );
      const id = inserted.rows[0]?.id;
      if (id === undefined) throw new Error("the note's INSERT … RETURNING returned no row");
      return { id, token: await bumpWriteMark(transaction) };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new HttpError(409, `a note with slug "${input.slug}" exists`);
    throw error;
  }
  const { id, token } = written;
  response.setHeader(
    "Set-Cookie",
    `${FRESHNESS_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=3600`,
  );
  sendJson(response, 201, { id, ...input });
}

async function readNote(
  deps: AppDeps,
  request: IncomingMessage,
  response: ServerResponse,
  id: string,
): Promise<void> {
  const { from, result: found } = await deps.router.read(
    cookie(request, FRESHNESS_COOKIE),
    (connection) =>
      connection.query<{ id: string; slug: string; body: string }>(
        "SELECT id::text AS id, slug, body FROM notes WHERE id = $1",
        [id],
      ),
  );
  response.setHeader("X-Read-From", from);
  const note = found.rows[0];
  if (note === undefined) throw new HttpError(404, `note ${id} not found`);
  sendJson(response, 200, note);
}

function parseNote(raw: string): { slug: string; body: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'body must be JSON: {"slug": "…", "body": "…"}');
  }
  if (typeof value === "object" && value !== null && "slug" in value && "body" in value) {
    const { slug, body } = value;
    if (typeof slug === "string" && typeof body === "string" && slug !== "" && slug.length <= 200) {
      return { slug, body };
    }
  }
  throw new HttpError(400, "slug (1-200 characters) and body must be strings");
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "23505";
}

function forwardedProto(request: IncomingMessage): string | undefined {
  const header = request.headers["x-forwarded-proto"];
  const first = (Array.isArray(header) ? header[0] : header)?.split(",")[0];
  return first?.trim().toLowerCase();
}

function redirectToHttps(request: IncomingMessage, response: ServerResponse, method: string): void {
  const host = request.headers.host ?? "";
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(host))
    throw new HttpError(400, "missing or invalid Host header");
  response.setHeader("Location", `https://${host}${request.url ?? "/"}`);
  send(
    response,
    method === "GET" ? 301 : 308,
    "text/plain; charset=utf-8",
    NO_STORE,
    "use https\n",
  );
}

function cookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, "application/json; charset=utf-8", NO_STORE, `${JSON.stringify(body)}\n`);
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  cacheControl: string,
  body: string | Buffer,
): void {
  response.writeHead(status, { "Content-Type": contentType, "Cache-Control": cacheControl });
  response.end(body);
}
