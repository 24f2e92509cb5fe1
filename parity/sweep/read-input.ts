import { readFile } from "node:fs/promises";
import { UserError } from "../../components/errors";

/** Reads an input file, refusing a missing or unreadable one with a message naming it. */
export async function readInput(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new UserError(`Cannot read ${file} (${code}); pass an existing file.`);
  }
}
