import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildContextDigest } from "../../../components/aws/build-context";
import { UserError } from "../../../components/errors";

describe("buildContextDigest", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "build-context-"));
    writeFileSync(path.join(dir, "Dockerfile"), "FROM scratch\n");
    mkdirSync(path.join(dir, "src"));
    writeFileSync(path.join(dir, "src", "server.js"), "console.log(1);\n");
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes `relative` (and its folders) under the context. */
  function write(relative: string, content = "anything"): void {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), content);
  }

  it("is the same for the same files", () => {
    expect(buildContextDigest("owner", dir)).toBe(buildContextDigest("owner", dir));
    expect(buildContextDigest("owner", dir)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when a file's content changes", () => {
    const before = buildContextDigest("owner", dir);
    write("src/server.js", "console.log(2);\n");
    expect(buildContextDigest("owner", dir)).not.toBe(before);
  });

  it("changes when a file is renamed", () => {
    const before = buildContextDigest("owner", dir);
    rmSync(path.join(dir, "src", "server.js"));
    write("src/main.js", "console.log(1);\n");
    expect(buildContextDigest("owner", dir)).not.toBe(before);
  });

  it("leaves out a local build output the app's own .dockerignore excludes", () => {
    copyFileSync(
      path.join(__dirname, "../../../app/.dockerignore"),
      path.join(dir, ".dockerignore"),
    );
    const before = buildContextDigest("owner", dir);
    write("dist/main.js", "compiled");
    write("node_modules/pg/index.js", "installed");
    expect(buildContextDigest("owner", dir)).toBe(before);
  });

  // Docker's .dockerignore semantics, which differ from .gitignore's where marked.
  it.each([
    { lines: ["dist"], file: "dist/main.js", counts: false, why: "a listed directory is left out" },
    {
      lines: ["dist"],
      file: "src/dist/main.js",
      counts: true,
      why: "a pattern matches from the context root only (.gitignore: at any depth)",
    },
    {
      lines: ["*.log"],
      file: "src/debug.log",
      counts: true,
      why: "`*` stays within one directory (.gitignore: at any depth)",
    },
    { lines: ["**/*.log"], file: "src/debug.log", counts: false, why: "`**` spans directories" },
    {
      lines: ["dist", "!dist/keep.txt"],
      file: "dist/keep.txt",
      counts: true,
      why: "an exception brings a file back from an excluded directory (.gitignore: it cannot)",
    },
    {
      lines: ["dist", "!dist/keep.txt"],
      file: "dist/other.txt",
      counts: false,
      why: "an exception brings back only what it names",
    },
    { lines: ["dist"], file: "DIST/main.js", counts: true, why: "patterns are case-sensitive" },
    {
      lines: ["Dockerfile", ".dockerignore"],
      file: "Dockerfile",
      counts: true,
      why: "the Dockerfile is always sent, even when listed",
    },
    {
      lines: ["# dist"],
      file: "dist/main.js",
      counts: true,
      why: "a line starting with # is a comment",
    },
    {
      lines: [],
      file: "node_modules/pg/index.js",
      counts: true,
      why: "without a .dockerignore every file is sent, node_modules too",
    },
    {
      lines: [],
      file: ".git/HEAD",
      counts: true,
      why: "without a .dockerignore every file is sent, .git too",
    },
  ])("$why: with .dockerignore $lines, $file counts: $counts", ({ lines, file, counts }) => {
    if (lines.length > 0) write(".dockerignore", `${lines.join("\n")}\n`);
    const before = buildContextDigest("owner", dir);
    write(file, "new content");
    expect(buildContextDigest("owner", dir) !== before).toBe(counts);
  });

  it("changes when the .dockerignore changes what is sent", () => {
    write("dist/main.js", "compiled");
    write(".dockerignore", "dist\n");
    const before = buildContextDigest("owner", dir);
    write(".dockerignore", "*.md\n");
    expect(buildContextDigest("owner", dir)).not.toBe(before);
  });

  it("refuses a path that is not a directory, naming it", () => {
    const missing = path.join(dir, "nope");
    expect(() => buildContextDigest('ContainerImage "app-image"', missing)).toThrow(
      new UserError(
        `ContainerImage "app-image": \`buildContext\` "${missing}" is not a directory (resolved to ${missing}). Point it at the folder holding the Dockerfile, relative to the project root.`,
      ),
    );
  });
});
