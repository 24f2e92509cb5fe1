import { readProjectFile, readStackFile } from "../../stacks/project-files";
import { KEY_NAMES, KEYS, declarationOf } from "../../stacks/keys";
import { PR_STACK_KEYS, derivePullRequestValues } from "../../stacks/pr-stack";
import { cliConfig } from "../../parity/offline/evaluate";
import { loadSpec } from "../../stacks/loader";
import { PROJECT_DIR } from "../helpers/temp-project";

const topologyKeys = KEY_NAMES.filter((key) => declarationOf(key).class === "topology");

describe("the key declaration", () => {
  const projectConfig = readProjectFile(PROJECT_DIR).config;

  it.each(topologyKeys)(
    "declares topology key %s in Pulumi.yaml with its type and description",
    (key) => {
      const decl = declarationOf(key);
      expect(projectConfig[key]).toEqual({
        type: decl.type,
        description: decl.description,
        default: expect.anything() as unknown,
      });
    },
  );

  it("has no project config in Pulumi.yaml beyond topology keys and engine settings", () => {
    const extra = Object.keys(projectConfig).filter(
      (key) => !key.startsWith("pulumi:") && !(topologyKeys as string[]).includes(key),
    );
    expect(extra).toEqual([]);
  });

  it.each(["staging", "prod"])("leaves topology out of Pulumi.%s.yaml", (stack) => {
    const keys = Object.keys(readStackFile(PROJECT_DIR, stack)?.config ?? {});
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => topologyKeys.some((t) => k.endsWith(`:${t}`)))).toEqual([]);
  });

  it("explains differences only through knobs that may differ", () => {
    const drivers = KEY_NAMES.filter((key) => (declarationOf(key).drives ?? []).length > 0);
    expect(drivers.map((key) => declarationOf(key).class)).not.toContain("topology");
  });

  it("marks the Cloudflare token secret and keeps every other key plain", () => {
    expect(KEY_NAMES.filter((key) => declarationOf(key).secret === true)).toEqual([
      "cloudflare:apiToken",
    ]);
    expect(KEYS["cloudflare:apiToken"].optional).toBe(true);
  });
});

describe("pull-request derivation", () => {
  const staging = loadSpec({
    projectDir: PROJECT_DIR,
    stack: "staging",
    config: cliConfig(PROJECT_DIR, "staging").config,
  }).values;

  it("overrides identity keys only, never topology or scale", () => {
    const overridden = Object.keys(
      derivePullRequestValues(staging, 9, "parity-stack"),
    ) as (typeof KEY_NAMES)[number][];
    expect(overridden.map((key) => declarationOf(key).class)).toEqual(
      overridden.map(() => "identity"),
    );
    expect(PR_STACK_KEYS.map((key) => declarationOf(key).class)).toEqual(
      PR_STACK_KEYS.map(() => "identity"),
    );
  });

  it("keeps nothing that would stop pulumi destroy", () => {
    expect(derivePullRequestValues(staging, 9, "parity-stack")).toMatchObject({
      protect: false,
      deletionProtection: false,
      ownsZoneSettings: false,
      tier: "preview",
    });
  });

  it("clones staging's database unless the stack names its own data source", () => {
    const withoutData = { ...staging, dbSnapshotIdentifier: undefined };
    expect(derivePullRequestValues(withoutData, 9, "parity-stack").dbCloneSourceClusterId).toBe(
      "parity-stack-staging",
    );
    const fromSnapshot = { ...staging, dbSnapshotIdentifier: "rehearsal-2026-11" };
    expect(derivePullRequestValues(fromSnapshot, 9, "parity-stack")).not.toHaveProperty(
      "dbCloneSourceClusterId",
    );
  });
});
