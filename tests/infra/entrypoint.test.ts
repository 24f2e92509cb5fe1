import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { PROJECT_DIR } from "../helpers/temp-project";

// What `pulumi up` does with this project: the nodejs language host registers the project's own
// ts-node with the project's tsconfig.json (type-checking, as no `noCheck` is set), then requires
// Pulumi.yaml's `main`. Here the engine is replaced by the strict mocks.
const script = `
require("ts-node").register({ project: "tsconfig.json" });
const pulumi = require("@pulumi/pulumi");
const { StrictMocks } = require("./tests/helpers/strict-mocks.ts");
const { cliConfig } = require("./parity/offline/evaluate.ts");
(async () => {
  await pulumi.runtime.setMocks(new StrictMocks("staging"), "parity-stack", "staging", false);
  const { config } = cliConfig(process.cwd(), "staging");
  pulumi.runtime.setAllConfig(config, []);
  const exported = require("./infra/index.ts");
  pulumi.output(exported).apply((outputs) => {
    process.stdout.write(JSON.stringify(outputs));
  });
})();
`;

describe("the Pulumi entrypoint", () => {
  it("loads through the project's ts-node and tsconfig and exports the stack outputs", () => {
    const stdout = execFileSync(process.execPath, ["-e", script], {
      cwd: PROJECT_DIR,
      encoding: "utf8",
      env: { ...process.env, PULUMI_NODEJS_TYPESCRIPT: "true" },
    });
    const outputs = JSON.parse(stdout) as Record<string, unknown>;
    expect(outputs).toMatchObject({ stack: "staging", hostname: "staging.parity-stack.dev" });
    expect(outputs.availabilityZones).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
  });

  it("is the main of Pulumi.yaml, run by the nodejs runtime with TypeScript", () => {
    const project = parse(readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8")) as unknown;
    expect(project).toMatchObject({
      name: "parity-stack",
      main: "infra/index.ts",
      runtime: { name: "nodejs", options: { typescript: true } },
    });
  });
});
