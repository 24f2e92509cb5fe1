import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

  it("is the same for the same files", () => {
    expect(buildContextDigest("owner", dir)).toBe(buildContextDigest("owner", dir));
    expect(buildContextDigest("owner", dir)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when a file's content changes", () => {
    const before = buildContextDigest("owner", dir);
    writeFileSync(path.join(dir, "src", "server.js"), "console.log(2);\n");
    expect(buildContextDigest("owner", dir)).not.toBe(before);
  });

  it("changes when a file is renamed", () => {
    const before = buildContextDigest("owner", dir);
    rmSync(path.join(dir, "src", "server.js"));
    writeFileSync(path.join(dir, "src", "main.js"), "console.log(1);\n");
    expect(buildContextDigest("owner", dir)).not.toBe(before);
  });

  it("ignores node_modules and .git", () => {
    const before = buildContextDigest("owner", dir);
    for (const skipped of ["node_modules", ".git"]) {
      mkdirSync(path.join(dir, skipped));
      writeFileSync(path.join(dir, skipped, "x"), "anything");
    }
    expect(buildContextDigest("owner", dir)).toBe(before);
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
