import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliConfig } from "../../parity/offline/evaluate";
import { loadSpec } from "../../stacks/loader";
import { checkZoneOwnership } from "../../stacks/zone-ownership";

const PROJECT_DIR = path.resolve(__dirname, "../..");
const STAGING_ZONE_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

/** The conflict as placed at staging's `ownsZoneSettings` line, the first stack after qa. */
const CONFLICT = `Pulumi.staging.yaml:${
  readFileSync(path.join(PROJECT_DIR, "Pulumi.staging.yaml"), "utf8")
    .split("\n")
    .findIndex((line) => line.startsWith("  parity-stack:ownsZoneSettings:")) + 1
}:3: parity-stack:ownsZoneSettings: is true, but Pulumi.qa.yaml already owns the edge settings of Cloudflare zone 0f1e2d3c4b5a69788796a5b4c3d2e1f0 (parity-stack.dev). Allowed: one owning stack per zone, because Cloudflare keeps one zone ruleset per phase. Fix: set parity-stack:ownsZoneSettings: false in Pulumi.staging.yaml or in Pulumi.qa.yaml.`;

let dir: string;

/** A copy of the committed project plus `Pulumi.qa.yaml`: staging's file with `qaLines` added. */
function projectWithQaStack(qaLines: string): string {
  for (const file of ["Pulumi.yaml", "Pulumi.staging.yaml", "Pulumi.prod.yaml"]) {
    copyFileSync(path.join(PROJECT_DIR, file), path.join(dir, file));
  }
  const staging = readFileSync(path.join(PROJECT_DIR, "Pulumi.staging.yaml"), "utf8")
    .replace(/^ {2}parity-stack:hostname: .*$/m, "  parity-stack:hostname: qa.parity-stack.dev")
    .replace(/^ {2}parity-stack:ownsZoneSettings: .*\n/m, "");
  writeFileSync(path.join(dir, "Pulumi.qa.yaml"), `${staging}${qaLines}`);
  return dir;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "zone-ownership-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("checkZoneOwnership", () => {
  it("accepts the committed stacks, where staging and production own different zones", () => {
    expect(checkZoneOwnership(PROJECT_DIR, "parity-stack")).toEqual([]);
  });

  it("refuses a second stack that owns the same zone's edge settings, naming both files", () => {
    const project = projectWithQaStack("  parity-stack:ownsZoneSettings: true\n");
    expect(checkZoneOwnership(project, "parity-stack").map((error) => error.message)).toEqual([
      CONFLICT,
    ]);
  });

  it("recognises the claim when the stack file writes keys without the project namespace", () => {
    const project = projectWithQaStack(`  ownsZoneSettings: "true"\n`);
    expect(checkZoneOwnership(project, "parity-stack").map((error) => error.message)).toEqual([
      CONFLICT,
    ]);
  });

  it("accepts another stack in the same zone that leaves the edge settings to their owner", () => {
    const project = projectWithQaStack("  parity-stack:ownsZoneSettings: false\n");
    expect(checkZoneOwnership(project, "parity-stack")).toEqual([]);
  });

  it("accepts two owners when their zones differ", () => {
    const project = projectWithQaStack("  parity-stack:ownsZoneSettings: true\n");
    const qa = path.join(project, "Pulumi.qa.yaml");
    writeFileSync(
      qa,
      readFileSync(qa, "utf8").replace(STAGING_ZONE_ID, "00112233445566778899aabbccddeeff"),
    );
    expect(checkZoneOwnership(project, "parity-stack")).toEqual([]);
  });
});

describe("loadSpec", () => {
  it("refuses every stack of a project whose committed stacks both own one zone", () => {
    const project = projectWithQaStack("  parity-stack:ownsZoneSettings: true\n");
    const { config } = cliConfig(project, "prod");
    expect(() => loadSpec({ projectDir: project, stack: "prod", config })).toThrow(
      new Error(CONFLICT),
    );
  });

  it.each(["staging", "prod", "pr-7"])("loads the committed %s stack with its zone", (stack) => {
    const { config } = cliConfig(PROJECT_DIR, stack);
    const spec = loadSpec({ projectDir: PROJECT_DIR, stack, config });
    expect(spec.values.cloudflareZone).toBe(
      stack === "prod" ? "parity-stack.io" : "parity-stack.dev",
    );
  });
});
