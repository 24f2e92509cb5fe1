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
  it("deploys the tag's image with the tag's commit checked out and verifies it, with no secret for npm ci", async () => {
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
    const installs = run.calls.filter((c) => c.command === "npm");
    expect(installs.length).toBeGreaterThan(0);
    expect(installs.flatMap((c) => c.secrets)).toEqual([]);
  });

  it("moves LIVE to the commit and image production runs, and records the rollback in a DEPLOYED tag", async () => {
    const git = gitFixture();
    const run = await rollback(git, released(git), OLD);
    expect(run.jobs.map((j) => [j.id, j.result])).toEqual([
      ["rollback", "success"],
      ["tag", "success"],
    ]);
    expect(run.job("tag").concurrency?.group).toBe("promote-tags");
    expect(git.remoteTag("LIVE")).toBe(git.commits[0]);
    // What promotion reads from LIVE: the commit it refuses to go behind, and the image of its
    // automatic rollback.
    const live = git.git("for-each-ref", "--format=%(contents)", "refs/tags/LIVE");
    expect(live.split("\n").filter((line) => line.startsWith("image: "))).toEqual([
      `image: ${image("a")}`,
    ]);
    expect(live).toContain(`Rollback to ${OLD} (${git.commits[0]})`);
    const deployed = git
      .git("ls-remote", "--tags", "origin", "refs/tags/DEPLOYED-*")
      .split("\n")
      .map((line) => line.split("\t")[1])
      .filter((ref) => ref !== undefined && !ref.endsWith("^{}") && ref !== `refs/tags/${OLD}`);
    expect(deployed).toHaveLength(1);
    expect(deployed[0]).toMatch(/^refs\/tags\/DEPLOYED-\d{4}-\d\d-\d\d\/\d{6}-4242$/);
    expect(git.remoteTag((deployed[0] ?? "").replace("refs/tags/", ""))).toBe(git.commits[0]);
    // The job that pushes tags holds no secret and runs no cloud command.
    expect(run.job("tag").steps.flatMap((s) => s.calls)).toEqual([]);
  });

  it("changes nothing for a tag that does not exist", async () => {
    const git = gitFixture();
    const run = await rollback(git, released(git), "DEPLOYED-2026-01-01/000000-1");
    expect(run.job("rollback").result).toBe("failure");
    expect(run.job("tag").result).toBe("skipped");
    expect(git.remoteTag("LIVE")).toBe(git.commits[2]);
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
    expect(git.remoteTag("LIVE")).toBe(git.commits[2]);
  });
});

itExecutesEveryRunStep(ROLLBACK);
