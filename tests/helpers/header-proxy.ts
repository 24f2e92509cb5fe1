import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A proxy listening on 127.0.0.1. */
export interface RunningProxy {
  readonly url: string;
  close(): Promise<void>;
}

/** Headers a proxy does not pass on as they came: it sends the body whole, uncompressed. */
const HOP_HEADERS = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
]);

/**
 * A GET-only proxy in front of `target` that lets `rewrite` change each answer's headers, as a
 * misconfigured CDN would (a shorter cache lifetime, say).
 */
export async function startHeaderProxy(
  target: string,
  rewrite: (path: string, headers: Map<string, string>) => void,
): Promise<RunningProxy> {
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    const forward = async () => {
      if (request.method !== "GET") {
        response.writeHead(405).end();
        return;
      }
      const upstream = await fetch(new URL(path, target), { redirect: "manual" });
      const headers = new Map(
        [...upstream.headers].filter(([name]) => !HOP_HEADERS.has(name) && name !== "set-cookie"),
      );
      rewrite(path, headers);
      response.writeHead(upstream.status, Object.fromEntries(headers));
      response.end(Buffer.from(await upstream.arrayBuffer()));
    };
    forward().catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      }),
  };
}
