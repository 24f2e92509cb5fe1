import { constants, type Stats } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { UserError } from "../../components/errors";

/**
 * Largest single JSON document read (a stack export, checkpoint or preview). The whole text and
 * its parsed tree (several times the text) are held in memory at once; a 100,000-resource stack
 * exports about 100 MiB, and V8 cannot hold a string much over 512 MiB. Event logs are read line
 * by line and have no overall limit; this is the limit of one of their lines.
 */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/** Bytes read to tell the encoding and the first line of a file. */
const HEAD_BYTES = 64 * 1024;

/** `bytes` in MiB, rounded up: a file one byte over the limit does not read as the limit. */
function mebibytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024 / 1024)} MiB`;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

/** The encoding a file's first bytes give away, when it is not plain UTF-8. */
function foreignEncoding(head: Buffer): string | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return "UTF-8 with a byte order mark";
  if (head[0] === 0xff && head[1] === 0xfe) return "UTF-16 (little-endian)";
  if (head[0] === 0xfe && head[1] === 0xff) return "UTF-16 (big-endian)";
  if (head.length >= 2 && head[0] !== 0 && head[1] === 0) return "UTF-16 (little-endian)";
  if (head.length >= 2 && head[0] === 0 && head[1] !== 0) return "UTF-16 (big-endian)";
  return undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** `bytes` as UTF-8 text, or a {@link UserError} naming `where` when they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, where: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new UserError(`${where}: is not UTF-8 text (binary data?); pass the JSON Pulumi wrote.`);
  }
}

/**
 * An input file, open for reading: a regular file (a FIFO, a device such as /dev/zero or
 * a directory is refused without blocking) in UTF-8 without a byte order mark.
 */
export class InputFile {
  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    readonly size: number,
    /** The first bytes of the file (all of it when it is small). */
    readonly head: Buffer,
  ) {}

  static async open(file: string): Promise<InputFile> {
    let handle: FileHandle;
    try {
      // O_NONBLOCK: opening a FIFO that has no writer would otherwise wait forever.
      handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new UserError(`${file}: no such file.`);
      throw new UserError(`${file}: cannot be read (${code ?? (error as Error).message}).`);
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) {
        throw new UserError(`${file}: is ${kindOf(stats)}; pass a file Pulumi wrote.`);
      }
      const head = Buffer.alloc(Math.min(HEAD_BYTES, stats.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const encoding = foreignEncoding(head);
      if (encoding !== undefined) {
        throw new UserError(`${file}: file is ${encoding}; save it as UTF-8 without a BOM.`);
      }
      return new InputFile(file, handle, stats.size, head.subarray(0, bytesRead));
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The whole file as text, refused past {@link MAX_DOCUMENT_BYTES}. Closes the file. */
  async text(): Promise<string> {
    try {
      if (this.size > MAX_DOCUMENT_BYTES) {
        throw new UserError(
          `${this.file}: is ${mebibytes(this.size)}, over the ${mebibytes(MAX_DOCUMENT_BYTES)} limit for one JSON document; pass the file Pulumi wrote.`,
        );
      }
      return decodeUtf8(await this.handle.readFile(), this.file);
    } finally {
      await this.close();
    }
  }

  /**
   * The file's lines as bytes with their numbers (from 1), read as a stream so a file of any size
   * can be read; a line longer than {@link MAX_DOCUMENT_BYTES} is refused. Closes the file.
   */
  async *lines(): AsyncGenerator<{ readonly bytes: Buffer; readonly number: number }> {
    let number = 0;
    let partial: Buffer[] = [];
    let partialBytes = 0;
    try {
      for await (const chunk of this.handle.createReadStream({ start: 0, autoClose: false })) {
        const buffer = chunk as Buffer;
        let start = 0;
        for (let end = buffer.indexOf(0x0a); end !== -1; end = buffer.indexOf(0x0a, start)) {
          number += 1;
          const piece = buffer.subarray(start, end);
          yield {
            bytes: partial.length === 0 ? piece : Buffer.concat([...partial, piece]),
            number,
          };
          partial = [];
          partialBytes = 0;
          start = end + 1;
        }
        if (start < buffer.length) {
          partial.push(buffer.subarray(start));
          partialBytes += buffer.length - start;
          if (partialBytes > MAX_DOCUMENT_BYTES) {
            throw new UserError(
              `${this.file}: line ${number + 1} is longer than the ${mebibytes(MAX_DOCUMENT_BYTES)} limit for one JSON event; pass the event log Pulumi wrote.`,
            );
          }
        }
      }
      if (partial.length > 0) yield { bytes: Buffer.concat(partial), number: number + 1 };
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
