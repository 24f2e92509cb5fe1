import type { ReadableStream } from "node:stream/web";
import { UserError } from "../../components/errors";

/** The most a page, asset or API answer may take on the wire (its Content-Length). */
export const MAX_ENCODED_BODY_BYTES = 16 * 1024 * 1024;
/**
 * The most a body may take once decompressed: a web app's largest bundle is a few MiB, and a
 * gzip bomb or an endless body must not take the checker's memory with it.
 */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const MIB = 1024 * 1024;

/**
 * Reads `response`'s body whole, refusing (a {@link UserError} naming the request) one whose
 * Content-Length is over {@link MAX_ENCODED_BODY_BYTES} before reading it, and one that grows
 * over {@link MAX_BODY_BYTES} once decompressed, as soon as it does.
 */
export async function readBody(response: Response, request: string): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_ENCODED_BODY_BYTES) {
    await response.body?.cancel();
    throw new UserError(
      `verify: ${request} answered a body of ${declared} bytes (Content-Length), over the ${MAX_ENCODED_BODY_BYTES / MIB} MiB a page or asset may take. Check what the environment serves there.`,
    );
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (reader === undefined) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new UserError(
        `verify: ${request} answered a body over ${MAX_BODY_BYTES / MIB} MiB once decompressed (an endless or compressed-bomb body). Check what the environment serves there.`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
