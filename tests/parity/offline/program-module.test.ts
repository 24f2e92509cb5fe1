import path from "node:path";
import { evaluateStack, type EvaluatedStack } from "../../../parity/offline/evaluate";
import { nodeRequire, SHARED_LIBRARY_DIRS } from "../../../parity/offline/program-module";
import { TempProject } from "../../helpers/temp-project";

/** What a stack registered: every resource's type, name, inputs, options and dependencies. */
function shape(run: EvaluatedStack): string {
  return JSON.stringify(
    run.resources.map((r) => [r.type, r.name, r.inputs, r.protect, r.dependencies, r.provider]),
  );
}

describe("offline evaluations of several stacks in one process", () => {
  // A copy in its own folder: its modules are loaded for the first time here.
  const copy = new TempProject();
  afterAll(() => {
    copy.cleanup();
  });
  /** The project files in Node's own module cache, which the program is loaded with. */
  const cached = () =>
    Object.keys(nodeRequire(path.join(copy.dir, "Pulumi.yaml")).cache)
      .filter((file) => file.startsWith(copy.dir + path.sep))
      .map((file) => path.relative(copy.dir, file));

  it("register the same for a stack before and after another stack", async () => {
    const first = await evaluateStack({ projectDir: copy.dir, stack: "staging" });
    const prod = await evaluateStack({ projectDir: copy.dir, stack: "prod" });
    const again = await evaluateStack({ projectDir: copy.dir, stack: "staging" });

    expect(first.resources.length).toBeGreaterThan(50);
    expect(shape(prod)).not.toBe(shape(first));
    expect(shape(again)).toBe(shape(first));
  });

  it("load the program afresh for each stack and share the component library", () => {
    const files = cached();

    expect(SHARED_LIBRARY_DIRS).toEqual(["components"]);
    expect(files).toEqual(
      expect.arrayContaining([
        path.join("components", "aws", "migration-run.ts"),
        path.join("components", "cloudflare", "cache-purge.ts"),
      ]),
    );
    expect(files.filter((file) => file.startsWith(`infra${path.sep}`))).toEqual([]);
  });
});
