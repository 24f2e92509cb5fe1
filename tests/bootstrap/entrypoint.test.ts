import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { PROJECT_DIR } from "../helpers/temp-project";

const BOOTSTRAP_DIR = path.join(PROJECT_DIR, "bootstrap");

// What `pulumi up` does in bootstrap/: the nodejs language host runs in the project's folder,
// registers ts-node with its tsconfig.json (type-checking), then requires Pulumi.yaml's `main`.
// Here the engine is replaced by the strict mocks of the bootstrap's own resource types.
const script = `
require("ts-node").register({ project: "tsconfig.json" });
const pulumi = require("@pulumi/pulumi");
const { OfflineMocks } = require("../parity/offline/mocks.ts");
const { cliConfig } = require("../parity/offline/evaluate.ts");
(async () => {
  await pulumi.runtime.setMocks(new OfflineMocks("org"), "parity-bootstrap", "org", false);
  const { config, secretKeys } = cliConfig(process.cwd(), "org");
  pulumi.runtime.setAllConfig(config, secretKeys);
  const exported = require("./index.ts");
  pulumi.output(exported).apply((outputs) => {
    process.stdout.write(JSON.stringify(outputs));
  });
})();
`;

describe("the bootstrap's Pulumi entrypoint", () => {
  it("loads through ts-node and bootstrap/tsconfig.json and exports what the stacks take from it", () => {
    const stdout = execFileSync(process.execPath, ["-e", script], {
      cwd: BOOTSTRAP_DIR,
      encoding: "utf8",
      env: { ...process.env, PULUMI_NODEJS_TYPESCRIPT: "true" },
    });
    const outputs = JSON.parse(stdout) as Record<string, unknown>;
    expect(outputs).toMatchObject({
      imageRepositoryUrl: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/parity-stack",
      rolePermissionsBoundaryArn:
        "arn:aws:iam::123456789012:policy/acme-parity-stack-role-boundary",
      backendUrls: { production: "s3://acme-parity-stack-state-production?region=eu-west-1" },
    });
  });

  it("gives staging and prod the registry and boundary it exports", () => {
    const stackFile = (stack: string) =>
      (
        parse(readFileSync(path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), "utf8")) as {
          config: Record<string, unknown>;
        }
      ).config;
    expect(stackFile("staging")["parity-stack:imageRepositoryUrl"]).toBe(
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/parity-stack",
    );
    for (const stack of ["staging", "prod"]) {
      expect(stackFile(stack)["parity-stack:rolePermissionsBoundary"]).toBe(
        "arn:aws:iam::123456789012:policy/acme-parity-stack-role-boundary",
      );
    }
  });

  it("is the main of bootstrap/Pulumi.yaml, run by the nodejs runtime with TypeScript", () => {
    const project = parse(readFileSync(path.join(BOOTSTRAP_DIR, "Pulumi.yaml"), "utf8")) as unknown;
    expect(project).toMatchObject({
      name: "parity-bootstrap",
      main: "index.ts",
      runtime: { name: "nodejs", options: { typescript: true } },
    });
  });
});
