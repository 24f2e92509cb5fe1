import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * One request the stub received: the ECS action (from X-Amz-Target), its JSON body and the access
 * key id that signed it (SigV4's `Credential=<key id>/…`).
 */
export interface EcsCall {
  readonly action: string;
  readonly body: Record<string, unknown>;
  readonly accessKeyId: string | undefined;
}

/** How the stub answers an action: a JSON body (200) or an ECS error. */
export type EcsReply =
  | Record<string, unknown>
  | {
      readonly error: { readonly status: number; readonly type: string; readonly message: string };
    };

/**
 * A local stand-in for the ECS JSON API (AWS JSON 1.1: `POST /` with
 * `X-Amz-Target: AmazonEC2ContainerServiceV20141113.<Action>`). `answer` decides each reply from
 * the action and how many times it was called before.
 */
export interface EcsStub {
  readonly endpoint: string;
  readonly calls: EcsCall[];
  close(): Promise<void>;
}

export async function startEcsStub(
  answer: (action: string, call: number, body: Record<string, unknown>) => EcsReply,
): Promise<EcsStub> {
  const calls: EcsCall[] = [];
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      const action = target.slice(target.indexOf(".") + 1);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<
        string,
        unknown
      >;
      const signature = req.headers.authorization ?? "";
      const accessKeyId = /Credential=([^/,\s]+)\//.exec(signature)?.[1];
      calls.push({ action, body, accessKeyId });
      const call = counts.get(action) ?? 0;
      counts.set(action, call + 1);
      const reply = answer(action, call, body);
      const error = "error" in reply ? (reply as Extract<EcsReply, { error: unknown }>) : undefined;
      res.writeHead(error === undefined ? 200 : error.error.status, {
        "content-type": "application/x-amz-json-1.1",
      });
      res.end(
        JSON.stringify(
          error === undefined ? reply : { __type: error.error.type, message: error.error.message },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      }),
  };
}
