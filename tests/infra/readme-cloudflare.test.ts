import { readFileSync } from "node:fs";
import path from "node:path";
import { TOKEN_PERMISSIONS } from "../../components/cloudflare/token-permissions";
import { evaluateStack, type EvaluatedStack } from "../../parity/offline/evaluate";
import { SAMPLE_PR_EXPIRES_AT } from "../../parity/check/plan";
import { PROJECT_DIR } from "../helpers/temp-project";

const README = readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");

/** The Cloudflare resource types a stack registers, providers aside. */
function cloudflareTypes(stack: EvaluatedStack): string[] {
  return stack.resources
    .map((r) => r.type)
    .filter((type) => !type.startsWith("pulumi:providers:") && type in TOKEN_PERMISSIONS);
}

describe("README's Cloudflare instructions against what the program registers", () => {
  const stacks: EvaluatedStack[] = [];
  beforeAll(async () => {
    stacks.push(await evaluateStack({ projectDir: PROJECT_DIR, stack: "staging" }));
    stacks.push(
      await evaluateStack({
        projectDir: PROJECT_DIR,
        stack: "pr-1",
        config: { "parity-stack:expiresAt": SAMPLE_PR_EXPIRES_AT },
      }),
    );
  });

  it("has a token permission for every Cloudflare resource type, and lists exactly those", () => {
    const registered = stacks.flatMap((s) =>
      s.resources
        .map((r) => r.type)
        .filter(
          (type) => type.startsWith("cloudflare:") || type.includes(":dynamic/parity:CachePurge"),
        ),
    );
    expect([...new Set(registered)].filter((type) => !(type in TOKEN_PERMISSIONS))).toEqual([]);
    const needed = new Set(stacks.flatMap(cloudflareTypes).map((type) => TOKEN_PERMISSIONS[type]));
    const listed = /<!-- token-permissions -->(.*?)<!-- \/token-permissions -->/s.exec(README)?.[1];
    expect(listed?.split(", ").sort()).toEqual([...needed].sort());
  });

  it("imports the existing cache ruleset as the resource the program registers, under its parent and provider", () => {
    const command =
      /pulumi import (\S+) (\S+) .*?--parent "edge=(\S+)" \\\n\s+--provider "cloudflare=(\S+)"/s.exec(
        README,
      );
    expect(command).not.toBeNull();
    const [, type, name, parentUrn, providerUrn] = command ?? [];
    const staging = stacks[0];
    const ruleset = staging?.resources.find((r) => r.type === type && r.name === name);
    expect(ruleset).toBeDefined();
    expect(ruleset?.parent).toBe(parentUrn);
    expect(ruleset?.provider?.startsWith(`${providerUrn}::`)).toBe(true);
  });
});
