import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { check } from "../errors";

/** Directories that never belong in an image build and would only make the digest unstable. */
const SKIPPED_DIRECTORIES = new Set([".git", "node_modules"]);

function files(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !(entry.isDirectory() && SKIPPED_DIRECTORIES.has(entry.name)))
    .flatMap((entry) => {
      const relative = path.posix.join(prefix, entry.name);
      if (entry.isDirectory()) return files(path.join(dir, entry.name), relative);
      return entry.isFile() ? [relative] : [];
    })
    .sort();
}

/**
 * A SHA-256 over the relative path and content of every file in a Docker build context (skipping
 * `.git` and `node_modules`): the same sources give the same digest on every machine, so an image
 * tag derived from it changes exactly when the sources do. ECR tags are immutable, so a tag that
 * repeated with different content would be refused at push time.
 */
export function buildContextDigest(owner: string, context: string): string {
  const dir = path.resolve(context);
  check(
    statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true,
    () =>
      `${owner}: \`buildContext\` "${context}" is not a directory (resolved to ${dir}). Point it at the folder holding the Dockerfile, relative to the project root.`,
  );
  const hash = createHash("sha256");
  for (const file of files(dir)) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(dir, file)))
      .update("\0");
  }
  return hash.digest("hex");
}
