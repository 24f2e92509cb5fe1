import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findProjectDir, projectDirOf } from "../../stacks/project-dir";

const outside = mkdtempSync(path.join(os.tmpdir(), "no-project-"));
const project = mkdtempSync(path.join(os.tmpdir(), "project-"));
writeFileSync(path.join(project, "Pulumi.yaml"), "name: app\nruntime: nodejs\n");
const deep = path.join(project, "infra", "aws");
mkdirSync(deep, { recursive: true });

describe("the project directory", () => {
  it.each([
    ["the project directory", project],
    ["a directory two levels inside it", deep],
    ["a relative path inside it", path.relative(process.cwd(), deep)],
  ])("is found from %s, as pulumi finds Pulumi.yaml upwards", (_where, from) => {
    expect(findProjectDir(from)).toBe(project);
  });

  it("is the nearest one when projects nest", () => {
    writeFileSync(path.join(deep, "Pulumi.yaml"), "name: inner\nruntime: nodejs\n");
    expect(findProjectDir(deep)).toBe(deep);
    expect(findProjectDir(path.dirname(deep))).toBe(project);
  });

  it("is refused with one line outside any project", () => {
    expect(findProjectDir(outside)).toBeUndefined();
    expect(() => projectDirOf(outside)).toThrow(
      new Error(
        `no Pulumi.yaml in ${outside} or any directory above it. Fix: run parity in the project (the directory holding Pulumi.yaml) or a directory inside it.`,
      ),
    );
  });
});
