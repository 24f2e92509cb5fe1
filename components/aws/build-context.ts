import ignore from "@balena/dockerignore";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { check } from "../errors";

/** The build's ignore file, read by Docker from the context's root. */
const DOCKERIGNORE = ".dockerignore";

/**
 * Files Docker sends to the builder even when `.dockerignore` lists them, because the build needs
 * them (`docker build` reads `<context>/Dockerfile` unless told otherwise, as the image component does).
 */
const ALWAYS_SENT: readonly string[] = ["Dockerfile", DOCKERIGNORE];

/** Which paths of a build context Docker leaves out, by its `.dockerignore`. */
interface ContextFilter {
  excludes(relative: string): boolean;
  /**
   * Whether an excluded directory's files can all be left out without looking. Not when an
   * exception (`!pattern`) could bring back a file below it: Docker walks into it then too.
   */
  readonly skipsExcludedDirectories: boolean;
}

function contextFilter(dir: string): ContextFilter {
  const file = path.join(dir, DOCKERIGNORE);
  const rules = statSync(file, { throwIfNoEntry: false })?.isFile()
    ? readFileSync(file, "utf8")
    : "";
  // Docker matches patterns case-sensitively; the library's default is not to.
  const matcher = ignore({ ignorecase: false }).add(rules.split(/\r?\n/));
  return {
    excludes: (relative) => !ALWAYS_SENT.includes(relative) && matcher.ignores(relative),
    skipsExcludedDirectories: !rules.includes("!"),
  };
}

function files(dir: string, filter: ContextFilter, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) {
      if (filter.skipsExcludedDirectories && filter.excludes(relative)) return [];
      return files(path.join(dir, entry.name), filter, relative);
    }
    return entry.isFile() && !filter.excludes(relative) ? [relative] : [];
  });
}

/**
 * A SHA-256 over the relative path and content of every file Docker would send as the build
 * context: all files, less those the context's `.dockerignore` excludes (Docker's own pattern
 * semantics), plus the Dockerfile and `.dockerignore` themselves, which Docker always sends. The
 * same sources give the same digest on every machine, and a local build output the image never
 * sees (e.g. an ignored `dist/`) leaves it alone, so an image tag derived from it changes exactly
 * when the image's inputs do. ECR tags are immutable: a tag that repeated with different content
 * would be refused at push time.
 */
export function buildContextDigest(owner: string, context: string): string {
  const dir = path.resolve(context);
  check(
    statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true,
    () =>
      `${owner}: \`buildContext\` "${context}" is not a directory (resolved to ${dir}). Point it at the folder holding the Dockerfile, relative to the project root.`,
  );
  const hash = createHash("sha256");
  for (const file of files(dir, contextFilter(dir)).sort()) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(dir, file)))
      .update("\0");
  }
  return hash.digest("hex");
}
