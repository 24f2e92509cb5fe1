import * as aws from "../../../components/aws/sdk";
import * as pulumi from "@pulumi/pulumi";
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { checkParity } from "../../../parity/check/check-parity";
import { planPairs, planParity } from "../../../parity/check/plan";
import { diffGraphs } from "../../../parity/diff/diff-graphs";
import { buildGraph } from "../../../parity/graph/normalise";
import type { RawStack } from "../../../parity/graph/raw";
import { rawFromRecorded, readOfflineStack } from "../../../parity/sources/offline";
import { EXPORT, UPDATE_PREVIEW } from "../artifacts";
import { runComponent } from "../../helpers/mock-run";
import { copyProject, PROJECT_DIR } from "../project";

describe("parity plan on the committed stacks", () => {
  it("compares staging with every other stack and the sample PR stack with staging", () => {
    expect(planPairs(["prod", "staging"])).toEqual([
      ["staging", "prod"],
      ["pr-1", "staging"],
    ]);
  });

  it("finds that parity holds, with resources differing only where a knob says so", async () => {
    const report = await planParity({ projectDir: PROJECT_DIR });

    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe("pass");
    expect(report.pairs.map((p) => [p.a, p.b, p.verdict])).toEqual([
      ["staging", "prod", "pass"],
      ["pr-1", "staging", "pass"],
    ]);
    const keys = (stack: string) => new Set(report.stacks[stack]?.resources.map((r) => r.key));
    const [staging, prod, pr] = [keys("staging"), keys("prod"), keys("pr-1")];
    const missing = (from: Set<string>, other: Set<string>) =>
      [...from].filter((k) => !other.has(k));
    // Production runs the image staging built and pushed to the shared registry, so only staging
    // has the build; a PR stack leaves zone-wide settings to staging.
    expect(missing(staging, prod).sort()).toEqual([
      "docker:index/image:Image::app-image-build",
      "random:index/randomId:RandomId::app-image-build-id",
    ]);
    expect(missing(prod, staging)).toEqual([]);
    const zoneWide = [...staging].filter((k) =>
      /^cloudflare:index\/(ruleset:Ruleset|zoneSetting:ZoneSetting)::/.test(k),
    );
    expect(zoneWide).toContain("cloudflare:index/ruleset:Ruleset::edge-cache-rules");
    expect(zoneWide).toContain("cloudflare:index/zoneSetting:ZoneSetting::edge-rocket-loader");
    expect(missing(staging, pr).sort()).toEqual(zoneWide.sort());
    // A PR stack pushes to a repository of its own, deleted with it (imageRepositoryUrl unset).
    expect(missing(pr, staging).sort()).toEqual([
      "aws:ecr/lifecyclePolicy:LifecyclePolicy::app-image-lifecycle",
      "aws:ecr/repository:Repository::app-image-repo",
    ]);
    expect(Object.keys(report.stacks)).toEqual(["staging", "prod", "pr-1"]);
    // Staging evaluated with production's config has production's retention: the knob caused it.
    expect(report.pairs[0]?.explained).toContainEqual({
      kind: "input",
      resource: "aws:cloudwatch/logGroup:LogGroup::app-logs",
      property: "retentionInDays",
      a: 14,
      b: 365,
      knob: "logRetentionDays",
    });
  });
});

describe("divergence injected the way it happens", () => {
  it("refuses a stack file that overrides a topology key, with the loader's message", async () => {
    const dir = copyProject();
    const file = path.join(dir, "Pulumi.prod.yaml");
    // The file ends with a newline: the appended key starts on the line after its last.
    const line = readFileSync(file, "utf8").split("\n").length;
    appendFileSync(file, "  parity-stack:azCount: 2\n");

    await expect(planParity({ projectDir: dir })).rejects.toThrow(
      `Pulumi.prod.yaml:${line}:3: parity-stack:azCount: is a topology key and must be identical in every stack, so a stack file may not set it. Allowed: set it only in Pulumi.yaml's project config. Fix: remove it from Pulumi.prod.yaml; to change it for every stack, change its default in Pulumi.yaml.`,
    );
  });

  it("catches a component input that differs in one stack", async () => {
    const staging = await readOfflineStack(PROJECT_DIR, "staging");
    const prod = await readOfflineStack(PROJECT_DIR, "prod");
    const branched: RawStack = {
      ...prod,
      resources: prod.resources.map((r) =>
        r.type === "aws:ec2/subnet:Subnet" && r.urn.endsWith("::main-public-0")
          ? { ...r, inputs: { ...r.inputs, mapPublicIpOnLaunch: true } }
          : r,
      ),
    };

    expect(diffGraphs(buildGraph(staging), buildGraph(branched)).findings).toEqual([
      {
        kind: "input",
        resource: "aws:ec2/subnet:Subnet::main-public-0",
        property: "mapPublicIpOnLaunch",
        a: false,
        b: true,
        rule: "inputs must be identical unless a declared knob differs",
      },
    ]);
  });

  it("catches a resource only one stack creates", async () => {
    const program = () => {
      const provider = new aws.Provider("aws", { region: "eu-west-1" });
      new aws.ec2.Vpc("main-vpc", { cidrBlock: "10.40.0.0/16" }, { provider });
      if (pulumi.getStack() === "prod") {
        new aws.ec2.Eip("debug-ip", { domain: "vpc" }, { provider });
      }
    };
    const run = async (stack: string): Promise<RawStack> => {
      const recorded = await runComponent(program, stack);
      return {
        name: stack,
        source: "test",
        notes: [],
        resources: rawFromRecorded(recorded.resources),
      };
    };
    const staging = buildGraph(await run("staging"));
    const prod = buildGraph(await run("prod"));

    expect(diffGraphs(staging, prod).findings).toEqual([
      {
        kind: "only-in-b",
        resource: "aws:ec2/eip:Eip::debug-ip",
        property: "",
        a: "absent",
        b: "present",
        rule: "every stack creates the same resources: only prod has it",
      },
    ]);
  });
});

describe("parity diff", () => {
  it("compares two Pulumi files and lists each finding with the stacks it is between", async () => {
    const report = await checkParity({
      projectDir: PROJECT_DIR,
      pairs: [[EXPORT, UPDATE_PREVIEW]],
    });

    expect(report.verdict).toBe("fail");
    expect(report.findings.map((f) => [f.stacks, f.resource, f.property])).toEqual([
      [[EXPORT, UPDATE_PREVIEW], "aws:lambda/function:Function::docsHandler", "code"],
    ]);
  });

  it("refuses an unknown stack name, listing the committed stacks", async () => {
    await expect(
      checkParity({ projectDir: PROJECT_DIR, pairs: [["stagin", "prod"]] }),
    ).rejects.toThrow(
      'unknown stack "stagin" (did you mean "staging"?). Allowed: a committed stack (prod, staging), pr-<number>, or the path of a Pulumi JSON file.',
    );
  });
});
