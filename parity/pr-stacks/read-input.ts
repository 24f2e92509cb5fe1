import { InputFile } from "../sources/input-file";

/**
 * Reads an input file's text, refusing with a message naming it a missing or unreadable file, a
 * FIFO, a device or a directory, a file over the size limit, and one not in UTF-8.
 */
export async function readInput(file: string): Promise<string> {
  return (await InputFile.open(file)).text();
}
