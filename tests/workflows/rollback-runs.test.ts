import { itExecutesEveryRunStep } from "./harness/coverage";
import { runWorkflow, type WorkflowRun } from "./harness/run-workflow";
import { emptyWorld, type World } from "./harness/world";
import { gitFixture, image, PROD_OUTPUTS, type GitFixture } from "./release-fixtures";

const ROLLBACK = ".github/workflows/rollback.yml";
const SECRETS = {
  PULUMI_BACKEND_URL: "s3://acme-pulumi-state?region=eu-west-1",
  CLOUDFLARE_API_TOKEN: "cf-token",
  AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/deploy",
};
/** Production's KMS key, recorded in the committed stack files (README, "Running it for real"). */
const KMS = "awskms://alias/acme-state-production?region=eu-west-1";
const OLD = "DEPLOYED-2026-11-18/093000-3900";

/** Production runs LIVE (the newest commit, image c); OLD recorded the oldest commit and image a. */
function released(git: GitFixture): World {
  const w = emptyWorld();
  w.pulumi.programOutputs.prod = { ...PROD_OUTPUTS };
  w.pulumi.stacks.prod = {
    config: { "parity-stack:imageRef": image("c") },
    outputs: { ...PROD_OUTPUTS, imageRef: image("c") },
    history: [],
    secretsProvider: KMS,
    deployedCommit: git.commits[2],
  };
  w.pulumi.stackFiles.prod = KMS;
  git.tag(OLD, git.commits[0], image("a"));
  git.tag("LIVE", git.commits[2], image("c"));
  return w;
}

function rollback(git: GitFixture, w: World, tag: string): Promise<WorkflowRun> {
  return runWorkflow(ROLLBACK, {
    event: "workflow_dispatch",
    payload: { inputs: { tag } },
    inputs: { tag },
    world: w,
    secrets: SECRETS,
    vars: { PULUMI_SECRETS_PROVIDER: KMS },
    git: git.work,
  });
}

describe("rollback.yml, run whole", () => {
  it("deploys the tag's image with the tag's commit checked out, verifies it and leaves LIVE, with no secret for npm ci", async () => {
    const git = gitFixture();
    const run = await rollback(git, released(git), OLD);
    expect(run.job("rollback").result).toBe("success");
    const prod = run.world.pulumi.stacks.prod;
    expect(prod?.outputs.imageRef).toBe(image("a"));
    expect(prod?.deployedCommit).toBe(git.commits[0]);
    expect(prod?.history[0]?.message).toBe(`rollback to ${OLD} (${git.commits[0]})`);
    expect(run.calls.filter((c) => c.command === "npx").map((c) => c.args.slice(0, 3))).toEqual([
      ["parity", "verify", "https://app.parity-stack.io"],
    ]);
    expect(git.remoteTag("LIVE")).toBe(git.commits[2]);
    const installs = run.calls.filter((c) => c.command === "npm");
    expect(installs.length).toBeGreaterThan(0);
    expect(installs.flatMap((c) => c.secrets)).toEqual([]);
  });

  it("changes nothing for a tag that does not exist", async () => {
    const git = gitFixture();
    const run = await rollback(git, released(git), "DEPLOYED-2026-01-01/000000-1");
    expect(run.job("rollback").result).toBe("failure");
    expect(run.calls.filter((c) => c.command === "pulumi")).toEqual([]);
    expect(run.world.pulumi.stacks.prod?.outputs.imageRef).toBe(image("c"));
  });

  it("fails when production does not pass verification after the rollback", async () => {
    const git = gitFixture();
    const w = released(git);
    w.verify.failUrls = ["https://app.parity-stack.io"];
    const run = await rollback(git, w, OLD);
    expect(run.job("rollback").result).toBe("failure");
    expect(run.job("rollback").summary).not.toContain("Production runs the image of");
  });
});

itExecutesEveryRunStep(ROLLBACK);
