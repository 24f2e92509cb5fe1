import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { S3Client } from "@aws-sdk/client-s3";

/** One object the stub holds. */
export interface StubObject {
  readonly body: Buffer;
  readonly contentType: string | undefined;
  readonly cacheControl: string | undefined;
}

/**
 * A local stand-in for S3's PutObject and GetObject in path style (`PUT|GET /<bucket>/<key>`),
 * answering a missing key with S3's `NoSuchKey` error document, enough for the AWS SDK v3 client
 * to talk to it through an `endpoint` override. Signatures are not checked; other requests are
 * refused with 501 so a test cannot pass on a call S3 would answer differently.
 */
export interface S3Stub {
  /** A real SDK client pointed at the stub (path style, dummy credentials). */
  readonly client: S3Client;
  /** Objects by `<bucket>/<key>`. */
  readonly objects: Map<string, StubObject>;
  close(): Promise<void>;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export async function startS3Stub(): Promise<S3Stub> {
  const objects = new Map<string, StubObject>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = decodeURIComponent(
        new URL(request.url ?? "/", "http://s3.invalid").pathname,
      ).slice(1);
      if (request.method === "PUT") {
        objects.set(path, {
          body: Buffer.concat(chunks),
          contentType: header(request.headers["content-type"]),
          cacheControl: header(request.headers["cache-control"]),
        });
        response.writeHead(200, { ETag: '"stub"' });
        response.end();
        return;
      }
      if (request.method === "GET") {
        const object = objects.get(path);
        if (object === undefined) {
          response.writeHead(404, { "Content-Type": "application/xml" });
          response.end(
            `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${path}</Key></Error>`,
          );
          return;
        }
        response.writeHead(200, {
          "Content-Type": object.contentType ?? "binary/octet-stream",
          "Content-Length": String(object.body.length),
        });
        response.end(object.body);
        return;
      }
      response.writeHead(501, { "Content-Type": "application/xml" });
      response.end("<Error><Code>NotImplemented</Code></Error>");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const client = new S3Client({
    region: "eu-west-1",
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
    maxAttempts: 1,
  });
  return {
    client,
    objects,
    close: () =>
      new Promise<void>((resolve, reject) => {
        client.destroy();
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      }),
  };
}
