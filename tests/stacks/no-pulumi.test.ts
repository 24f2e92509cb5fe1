import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const REGISTER = path.join(ROOT, "parity", "cli", "register.js");

/** The installed packages a fresh Node process loads when it requires `module` of the project. */
function packagesLoadedBy(module: string): string[] {
  const script = `require(${JSON.stringify(path.join(ROOT, module))});
const loaded = Object.keys(require.cache).flatMap((file) => {
  const match = /node_modules\\/(@[^/]+\\/[^/]+|[^@/][^/]*)\\//.exec(file);
  return match === null ? [] : [match[1]];
});
process.stdout.write(JSON.stringify([...new Set(loaded)]));`;
  const stdout = execFileSync(process.execPath, ["-r", REGISTER, "-e", script], {
    encoding: "utf8",
  });
  return JSON.parse(stdout) as string[];
}

describe("the environment model", () => {
  it.each(["stacks/loader.ts", "stacks/keys.ts"])("%s loads no Pulumi package", (module) => {
    const packages = packagesLoadedBy(module);

    expect(packages).toContain("zod");
    expect(packages.filter((name) => name.startsWith("@pulumi/"))).toEqual([]);
  });

  it("while a component loads Pulumi's SDK and provider", () => {
    expect(packagesLoadedBy("components/aws/database.ts")).toEqual(
      expect.arrayContaining(["@pulumi/pulumi", "@pulumi/aws"]),
    );
  });
});

describe("the offline evaluator", () => {
  it("loads no Pulumi package of its own: a program runs on the SDK it resolves itself", () => {
    const packages = packagesLoadedBy("parity/offline/evaluate.ts");

    expect(packages).toContain("yaml");
    expect(packages.filter((name) => name.startsWith("@pulumi/"))).toEqual([]);
  });
});
