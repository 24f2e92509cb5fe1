import { readFileSync } from "node:fs";
import path from "node:path";
import { refreshPreviewJson } from "../parity/drift/pulumi-fixtures";
import type { Json } from "./harness/expressions";
import { runWorkflow, type WorkflowRun } from "./harness/run-workflow";
import { ROOT } from "./harness/steps";
import { emptyWorld, type World } from "./harness/world";

const DRIFT = ".github/workflows/drift.yml";
const SECRETS = {
  PULUMI_BACKEND_URL: "s3://acme-pulumi-state?region=eu-west-1",
  CLOUDFLARE_API_TOKEN: "cf-token",
  AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/drift",
};
/** Production's KMS key, recorded in the committed stack files (README, "Running it for real"). */
const KMS = "awskms://alias/acme-state-production?region=eu-west-1";
const PROD = { stack: "prod", environment: "production" };
const STAGING = { stack: "staging", environment: "staging" };

const drifted = (): Json =>
  JSON.parse(refreshPreviewJson().replaceAll("urn:pulumi:dev::", "urn:pulumi:prod::")) as Json;

/** The refresh preview of a stack nothing touched: every resource only refreshed. */
function clean(): Json {
  const preview = JSON.parse(refreshPreviewJson()) as { steps: { op: string }[] };
  return {
    ...preview,
    steps: preview.steps.filter((step) => step.op === "refresh"),
    changeSummary: { same: 14 },
  };
}

/** Staging and prod deployed; prod's refresh preview is `prod`, staging's shows no drift. */
function world(prod: Json): World {
  const w = emptyWorld();
  for (const name of ["staging", "prod"]) {
    w.pulumi.stacks[name] = { config: {}, outputs: {}, history: [], secretsProvider: KMS };
    w.pulumi.stackFiles[name] = KMS;
  }
  w.pulumi.refreshPreview = { staging: clean(), prod };
  return w;
}

function openIssue(w: World, title: string): void {
  w.github.labels.push("drift");
  w.github.issues.push({
    number: 7,
    title,
    body: "",
    labels: ["drift"],
    state: "OPEN",
    comments: [],
  });
}

const review = (w: World) =>
  runWorkflow(DRIFT, { event: "schedule", payload: {}, world: w, secrets: SECRETS });
const issues = (run: WorkflowRun) =>
  run.world.github.issues.map((i) => [i.title, i.state, i.labels.join(",")]);

describe("drift.yml, run whole", () => {
  it("opens one issue for the stack that drifted and none for the other, with no secret for npm ci", async () => {
    const run = await review(world(drifted()));
    expect(run.job("drift", PROD).result).toBe("success");
    expect(run.job("drift", STAGING).result).toBe("success");
    expect(issues(run)).toEqual([["Drift in stack prod", "OPEN", "drift"]]);
    expect(run.world.github.issues[0]?.body).toBe(run.job("drift", PROD).summary);
    const installs = run.calls.filter((c) => c.command === "npm");
    expect(installs.length).toBeGreaterThan(0);
    expect(installs.flatMap((c) => c.secrets)).toEqual([]);
  });

  it("updates the open issue while the drift lasts instead of opening another", async () => {
    const w = world(drifted());
    openIssue(w, "Drift in stack prod");
    const run = await review(w);
    expect(issues(run)).toEqual([["Drift in stack prod", "OPEN", "drift"]]);
    expect(run.world.github.issues[0]?.body).toMatch(
      /^## Drift in stack prod\n\n.* in run https:\/\/github\.com\/acme\/parity-stack\/actions\/runs\/4242\.\n/,
    );
  });

  it("closes the issue once the drift is gone", async () => {
    const w = world(clean());
    openIssue(w, "Drift in stack prod");
    const run = await review(w);
    expect(issues(run)).toEqual([["Drift in stack prod", "CLOSED", "drift"]]);
    expect(run.world.github.issues[0]?.comments).toEqual([
      "No drift in prod any more (https://github.com/acme/parity-stack/actions/runs/4242).",
    ]);
  });

  it("opens an issue of its own and fails when the refresh fails, leaving the drift issue open", async () => {
    const w = world(drifted());
    openIssue(w, "Drift in stack prod");
    w.pulumi.failRefresh.prod = "failed to refresh: AccessDenied";
    const run = await review(w);
    expect(run.job("drift", PROD).result).toBe("failure");
    expect(run.job("drift", STAGING).result).toBe("success");
    expect(issues(run)).toEqual([
      ["Drift in stack prod", "OPEN", "drift"],
      ["Drift review of stack prod failed", "OPEN", "drift"],
    ]);
    expect(run.world.github.issues[1]?.body).toContain(
      "`pulumi refresh --preview-only` exited 255, so nobody knows whether prod still matches its state.",
    );
  });

  it("fails without touching any issue when parity drift itself fails", async () => {
    const w = world(drifted());
    openIssue(w, "Drift in stack prod");
    w.parityFailures.drift = "TypeError: cannot read the preview";
    const run = await review(w);
    expect(run.job("drift", PROD).result).toBe("failure");
    expect(run.job("drift", PROD).steps.at(-1)?.outcome).toBe("skipped");
    expect(issues(run)).toEqual([["Drift in stack prod", "OPEN", "drift"]]);
  });

  it("stays out of the deploy concurrency groups: a DIY refresh --preview-only takes no lock", async () => {
    const run = await review(world(clean()));
    const groups = run.jobs.map((job) => job.concurrency?.group ?? "");
    expect(groups.filter((group) => group.startsWith("pulumi-"))).toEqual([]);
    expect(run.calls.filter((c) => c.command === "pulumi").map((c) => c.args[0])).toEqual([
      "refresh",
      "refresh",
    ]);
  });

  it("installs the Pulumi CLI of the SDK version package-lock.json holds", async () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
      packages: Record<string, { version: string }>;
    };
    const run = await review(world(clean()));
    const installs = run.jobs.flatMap((job) =>
      job.steps.flatMap((step) => (step.uses?.action === "pulumi/actions" ? [step.uses.with] : [])),
    );
    expect(installs).toEqual([
      { "pulumi-version": lock.packages["node_modules/@pulumi/pulumi"]?.version },
      { "pulumi-version": lock.packages["node_modules/@pulumi/pulumi"]?.version },
    ]);
  });
});
