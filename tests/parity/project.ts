import { copyFileSync, mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The repository root: Pulumi.yaml and the committed stack files. */
export const PROJECT_DIR = path.resolve(__dirname, "../..");

/** A temp copy of the project's Pulumi.yaml and stack files, to change in a test. */
export function copyProject(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "parity-project-"));
  for (const file of readdirSync(PROJECT_DIR).filter((f) => /^Pulumi(\..+)?\.yaml$/.test(f))) {
    copyFileSync(path.join(PROJECT_DIR, file), path.join(dir, file));
  }
  return dir;
}
