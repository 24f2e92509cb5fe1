import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseDocument } from "yaml";

export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** A throwaway copy of the project's Pulumi.yaml, committed stack files and stacks/capacity.yaml to edit in a test. */
export class TempProject {
  readonly dir = mkdtempSync(path.join(tmpdir(), "parity-project-"));

  constructor() {
    for (const file of [
      "Pulumi.yaml",
      "Pulumi.staging.yaml",
      "Pulumi.prod.yaml",
      "stacks/capacity.yaml",
    ]) {
      cpSync(path.join(PROJECT_DIR, file), path.join(this.dir, file), { recursive: true });
    }
  }

  /**
   * Sets (or with `undefined`, deletes) `config.<key>` in `file`, keeping the rest as written; a
   * missing file is created.
   */
  setConfig(file: string, key: string, value: unknown): this {
    const target = path.join(this.dir, file);
    const doc = parseDocument(existsSync(target) ? readFileSync(target, "utf8") : "config: {}\n");
    if (value === undefined) doc.deleteIn(["config", key]);
    else doc.setIn(["config", key], value);
    writeFileSync(target, doc.toString());
    return this;
  }

  remove(file: string): this {
    rmSync(path.join(this.dir, file));
    return this;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
