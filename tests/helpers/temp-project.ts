import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseDocument } from "yaml";

export const PROJECT_DIR = path.resolve(__dirname, "..", "..");

/** What a copy of the project holds: the Pulumi files, the program with its sources, the bootstrap. */
const COPIED = [
  "Pulumi.yaml",
  "Pulumi.staging.yaml",
  "Pulumi.prod.yaml",
  "package.json",
  "tsconfig.json",
  "infra",
  "components",
  "stacks",
  "bootstrap",
];
/** Shared with the project rather than copied: installed packages and the application. */
const LINKED = ["node_modules", "app"];

/**
 * A throwaway copy of the project to edit in a test: Pulumi.yaml, the committed stack files, the
 * program (infra/, components/, stacks/) and the bootstrap project (bootstrap/), with the
 * project's node_modules and app linked.
 */
export class TempProject {
  readonly dir = mkdtempSync(path.join(tmpdir(), "parity-project-"));

  constructor() {
    for (const entry of COPIED) {
      cpSync(path.join(PROJECT_DIR, entry), path.join(this.dir, entry), { recursive: true });
    }
    for (const entry of LINKED) {
      symlinkSync(path.join(PROJECT_DIR, entry), path.join(this.dir, entry), "dir");
    }
  }

  /** Replaces `search` (which must occur) in the copied `file` with `replacement`. */
  edit(file: string, search: string, replacement: string): this {
    const target = path.join(this.dir, file);
    const text = readFileSync(target, "utf8");
    if (!text.includes(search)) throw new Error(`${file} does not contain ${search}`);
    writeFileSync(target, text.replace(search, replacement));
    return this;
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
