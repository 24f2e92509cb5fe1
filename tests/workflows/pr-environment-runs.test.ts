import { LONGEST_JOB_MINUTES } from "../../parity/pr-stacks/locks";
import { runWorkflow, type WorkflowRun } from "./harness/run-workflow";
import { emptyWorld, type World } from "./harness/world";

const PR = ".github/workflows/pr-environment.yml";
const SECRETS = {
  PULUMI_BACKEND_URL: "s3://acme-pulumi-preview/state?region=eu-west-1",
  CLOUDFLARE_API_TOKEN: "cf-token",
  AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/preview",
};
/** The preview tier's KMS key (the bootstrap's PULUMI_SECRETS_PROVIDER of preview). */
const KMS = "awskms://alias/acme-state-preview?region=eu-west-1";
const MARKER = "<!-- parity-preview -->";

/** A preview stack as the sweeper and the admission see it, last deployed `hoursAgo`. */
function previewStack(world: World, number: number, hoursAgo: number): void {
  world.pulumi.stacks[`pr-${number}`] = {
    config: {},
    outputs: {},
    history: [],
    secretsProvider: KMS,
    lastUpdate: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
    resourceCount: 58,
  };
}

function world(...others: number[]): World {
  const w = emptyWorld();
  w.pulumi.programOutputs["pr-57"] = {
    hostname: "pr-57.preview.parity-stack.io",
    releaseId: `sha256:${"5".repeat(64)}`,
  };
  for (const number of others) previewStack(w, number, 1);
  w.github.pulls = [57, ...others].map((number) => ({ number, state: "OPEN" }));
  return w;
}

function pullRequest(
  event: "pull_request" | "pull_request_target",
  action: string,
  w: World,
  fork = false,
  number = 57,
): Promise<WorkflowRun> {
  return runWorkflow(PR, {
    event,
    payload: {
      action,
      number,
      pull_request: {
        number,
        head: { repo: { full_name: fork ? "mallory/parity-stack" : "acme/parity-stack" } },
        base: { sha: "0123456789abcdef0123456789abcdef01234567" },
      },
    },
    world: w,
    // GitHub gives a fork's pull_request run no secrets; pull_request_target runs the base's.
    secrets: fork && event === "pull_request" ? {} : SECRETS,
    vars: fork && event === "pull_request" ? {} : { PULUMI_SECRETS_PROVIDER: KMS },
  });
}

const results = (run: WorkflowRun) => Object.fromEntries(run.jobs.map((j) => [j.id, j.result]));
const pulumi = (run: WorkflowRun) =>
  run.calls.filter((c) => c.command === "pulumi").map((c) => c.args.slice(0, 2).join(" "));
const comments = (run: WorkflowRun) => run.world.github.comments.filter((c) => c.issue === 57);

describe("pr-environment.yml, run whole", () => {
  it("deploys an opened pull request to a new stack, tests it and comments its URL, with no secret for npm ci", async () => {
    const run = await pullRequest("pull_request", "opened", world(41));
    expect(results(run)).toMatchObject({
      admit: "success",
      deploy: "success",
      destroy: "skipped",
      sweep: "skipped",
    });
    const installs = run.calls.filter((c) => c.command === "npm");
    expect(installs.length).toBeGreaterThan(0);
    expect(installs.flatMap((c) => c.secrets)).toEqual([]);
    const stack = run.world.pulumi.stacks["pr-57"];
    expect(stack?.config["parity-stack:expiresAt"]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(stack?.history.map((h) => [h.kind, h.result])).toEqual([
      ["update", "succeeded"],
      ["refresh", "succeeded"],
    ]);
    // Admission counts and creates (recording the KMS key in the state); the deploy, another
    // runner without the stack file, reads the key from the state.
    expect(pulumi(run)).toEqual([
      "stack ls",
      "stack select",
      "stack export",
      "refresh --yes",
      "stack select",
      "config set",
      "preview --non-interactive",
      "stack ls",
      "stack output",
      "up --yes",
      "stack output",
    ]);
    expect(run.world.pulumi.stacks["pr-57"]?.secretsProvider).toBe(KMS);
    const preview = run.calls.find((c) => c.command === "pulumi" && c.args[0] === "preview");
    expect(preview?.args.slice(-2)).toEqual(["--policy-pack", "policy"]);
    const parity = run.calls.filter((c) => c.command === "npx").map((c) => c.args.slice(1, 3));
    expect(parity).toContainEqual(["functional", "https://pr-57.preview.parity-stack.io"]);
    // A new stack served no page before: nothing to keep working.
    expect(run.calls.filter((c) => c.command === "curl")).toEqual([]);
    expect(comments(run).map((c) => c.body.split("\n").slice(0, 4))).toEqual([
      [
        MARKER,
        "### Preview environment `pr-57`",
        "",
        "https://pr-57.preview.parity-stack.io runs 0123456789abcdef0123456789abcdef01234567; the functional tests passed.",
      ],
    ]);
  });

  it("updates the stack of a pushed pull request at the cap and edits its one comment", async () => {
    const first = await pullRequest("pull_request", "opened", world(41));
    const atCap = first.world;
    for (const number of [42, 43]) previewStack(atCap, number, 2);
    const run = await pullRequest("pull_request", "synchronize", atCap);
    expect(results(run).deploy).toBe("success");
    expect(run.world.pulumi.stacks["pr-57"]?.history.map((h) => h.kind)).toEqual([
      "update",
      "update",
      "refresh",
    ]);
    // The stack exists and its state holds its key: admission only counts and selects it.
    expect(
      run
        .job("admit")
        .steps.flatMap((s) => s.calls)
        .filter((c) => c.command === "pulumi")
        .map((c) => c.args.slice(0, 2).join(" ")),
    ).toEqual(["stack ls", "stack select", "stack export"]);
    expect(comments(run)).toHaveLength(1);
    // The page the first deploy served must still find its assets after the second.
    const verify = run.calls.find((c) => c.command === "npx" && c.args[1] === "verify");
    expect(verify?.args).toContain("--previous-page");
    expect(verify?.args.at(-1)).toMatch(/previous-page-pr-57\.html$/);
  });

  it("fails a deploy whose page breaks the previous deploy's open pages, and comments nothing", async () => {
    const first = await pullRequest("pull_request", "opened", world());
    const pushed = first.world;
    pushed.verify.skewFailUrls = ["https://pr-57.preview.parity-stack.io"];
    const run = await pullRequest("pull_request", "synchronize", pushed);
    expect(results(run).deploy).toBe("failure");
    expect(comments(run)).toHaveLength(1);
  });

  it("stops at a mandatory policy violation before pulumi up", async () => {
    const w = world();
    w.pulumi.policyViolations["pr-57"] = [
      "database-port-not-public (aws:ec2/securityGroup:SecurityGroup: db)",
    ];
    const run = await pullRequest("pull_request", "opened", w);
    expect(results(run).deploy).toBe("failure");
    expect(pulumi(run)).not.toContain("up --yes");
  });

  it("fails when the browser tests fail, keeping their screenshots and traces as an artifact", async () => {
    const w = world();
    w.functional.failUrls = ["https://pr-57.preview.parity-stack.io"];
    const run = await pullRequest("pull_request", "opened", w);
    expect(results(run).deploy).toBe("failure");
    expect(run.artifacts["functional-results-pr-57"]).toEqual([
      "page-loads.png",
      "page-loads.trace.zip",
    ]);
    expect(run.job("deploy").summary).toContain("users would see it broken");
  });

  it("makes a new pull request over the cap wait, creates no stack and says why in its comment", async () => {
    const run = await pullRequest("pull_request", "opened", world(41, 42, 43));
    expect(results(run)).toMatchObject({ admit: "success", deploy: "skipped" });
    expect(run.world.pulumi.stacks["pr-57"]).toBeUndefined();
    expect(pulumi(run)).toEqual(["stack ls"]);
    const body = comments(run).map((c) => c.body);
    expect(body).toHaveLength(1);
    expect(body[0]).toContain("### Preview environment `pr-57` waits");
    expect(body[0]).toContain("3 preview stacks exist (`pr-41`, `pr-42`, `pr-43`)");
  });

  it("admits and creates stacks one pull request at a time across the repository, so two never both take the last place", async () => {
    // One place left (prStackLimit: 2); 57 and 58 are opened together. The group makes one
    // admission wait for the other's: 58 counts 57's stack, created in 57's critical section.
    const w = world(41);
    w.github.pulls.push({ number: 58, state: "OPEN" });
    const first = await pullRequest("pull_request", "opened", w);
    const second = await pullRequest("pull_request", "opened", first.world, false, 58);
    for (const run of [first, second]) {
      expect(run.job("admit").concurrency).toEqual({
        group: "pulumi-pr-admission",
        cancelInProgress: false,
        queue: "max",
      });
    }
    expect(results(first)).toMatchObject({ admit: "success", deploy: "success" });
    expect(first.job("deploy").concurrency?.group).toBe("pulumi-pr-57");
    expect(results(second)).toMatchObject({ admit: "success", deploy: "skipped" });
    expect(Object.keys(second.world.pulumi.stacks).sort()).toEqual(["pr-41", "pr-57"]);
    expect(second.world.github.comments.find((c) => c.issue === 58)?.body).toContain(
      "2 preview stacks exist (`pr-41`, `pr-57`)",
    );
    // The critical section is the count, the admission and the creation: never the deploy.
    const admitted = first.job("admit").steps.flatMap((s) => s.calls);
    expect(
      admitted
        .filter((c) => c.command === "pulumi" || c.command === "npx")
        .map((c) => c.args.slice(0, 2).join(" ")),
    ).toEqual(["stack ls", "parity admit", "stack select", "stack export", "refresh --yes"]);
    const deployed = first.job("deploy").steps.flatMap((s) => s.calls);
    expect(deployed.filter((c) => c.args.includes("--create") || c.args[1] === "admit")).toEqual(
      [],
    );
  });

  it("destroys on close a stack admitted but never deployed, reading its KMS key from its state", async () => {
    const w = world(41);
    const opened = await pullRequest("pull_request", "opened", w);
    expect(results(opened).admit).toBe("success");
    // The deploy never ran (cancelled): only the admission's refresh is in the history.
    const admittedOnly = world(41);
    const created = opened.world.pulumi.stacks["pr-57"];
    if (created === undefined) throw new Error("pr-57 was not created");
    admittedOnly.pulumi.stacks["pr-57"] = {
      ...created,
      history: created.history.filter((h) => h.kind === "refresh"),
    };
    const run = await pullRequest("pull_request_target", "closed", admittedOnly);
    expect(results(run).destroy).toBe("success");
    expect(Object.keys(run.world.pulumi.stacks)).toEqual(["pr-41"]);
  });

  it("runs nothing with secrets for a pull request from a fork", async () => {
    const run = await pullRequest("pull_request", "opened", world(), true);
    expect(results(run)).toMatchObject({ admit: "skipped", deploy: "skipped", destroy: "skipped" });
    expect(run.calls).toEqual([]);
  });

  it.each([
    ["a pull request of this repository", false],
    ["a pull request from a fork", true],
  ])("destroys and removes the stack of %s when it closes", async (_name, fork) => {
    const w = world(41);
    previewStack(w, 57, 3);
    const run = await pullRequest("pull_request_target", "closed", w, fork);
    expect(results(run)).toMatchObject({ deploy: "skipped", destroy: "success" });
    expect(Object.keys(run.world.pulumi.stacks)).toEqual(["pr-41"]);
    expect(pulumi(run)).toEqual(["stack ls", "destroy --yes"]);
  });

  it("closes a pull request that never had a stack without destroying anything", async () => {
    const run = await pullRequest("pull_request_target", "closed", world(41));
    expect(results(run).destroy).toBe("success");
    expect(pulumi(run)).toEqual(["stack ls"]);
    expect(run.job("destroy").steps.at(-1)?.stdout).toBe(
      "Stack pr-57 does not exist; nothing to destroy.\n",
    );
  });

  it("sweeps a stack whose lock outlived every job: cancel, clear pending creates, destroy", async () => {
    const w = world();
    previewStack(w, 44, 3);
    previewStack(w, 46, 0.5);
    const lockedAt = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    for (const stack of [w.pulumi.stacks["pr-44"], w.pulumi.stacks["pr-46"]]) {
      if (stack !== undefined) stack.locked = true;
    }
    w.github.pulls = [44, 46].map((number) => ({ number, state: "OPEN" }));
    w.aws.lockObjects = [
      {
        Key: "state/.pulumi/locks/organization/parity-stack/pr-44/7d3f.json",
        LastModified: lockedAt(LONGEST_JOB_MINUTES + 30),
      },
      {
        Key: "state/.pulumi/locks/organization/parity-stack/pr-46/0b8e.json",
        LastModified: lockedAt(10),
      },
    ];
    const run = await runWorkflow(PR, {
      event: "schedule",
      payload: {},
      world: w,
      secrets: SECRETS,
    });
    expect(results(run)).toMatchObject({ deploy: "skipped", select: "success", sweep: "success" });
    expect(run.jobs.filter((j) => j.id === "sweep").map((j) => j.matrix?.stack)).toEqual(["pr-44"]);
    expect(run.job("sweep").concurrency?.group).toBe("pulumi-pr-44");
    expect(pulumi(run).slice(1)).toEqual([
      "cancel --yes",
      "stack export",
      "refresh --yes",
      "destroy --yes",
    ]);
    expect(Object.keys(run.world.pulumi.stacks)).toEqual(["pr-46"]);
  });

  it("fails the sweep naming each resource an interrupted update was creating, which refresh --clear-pending-creates drops and destroy never deletes", async () => {
    const w = world();
    previewStack(w, 44, 3);
    const stack = w.pulumi.stacks["pr-44"];
    if (stack === undefined) throw new Error("no pr-44");
    stack.locked = true;
    const db = "urn:pulumi:pr-44::parity-stack::parity:aws:Database$aws:rds/cluster:Cluster::main";
    const nat =
      "urn:pulumi:pr-44::parity-stack::parity:aws:Network$aws:ec2/natGateway:NatGateway::nat-a";
    const service = "urn:pulumi:pr-44::parity-stack::aws:ecs/service:Service::app-service";
    stack.pendingOperations = [
      { urn: db, type: "creating" },
      { urn: service, type: "updating" },
      { urn: nat, type: "creating" },
    ];
    w.github.pulls = [{ number: 44, state: "OPEN" }];
    w.aws.lockObjects = [
      {
        Key: "state/.pulumi/locks/organization/parity-stack/pr-44/7d3f.json",
        LastModified: new Date(Date.now() - (LONGEST_JOB_MINUTES + 30) * 60_000).toISOString(),
      },
    ];
    const run = await runWorkflow(PR, {
      event: "schedule",
      payload: {},
      world: w,
      secrets: SECRETS,
    });
    expect(results(run)).toMatchObject({ select: "success", sweep: "failure" });
    expect(pulumi(run).slice(1)).toEqual([
      "cancel --yes",
      "stack export",
      "refresh --yes",
      "destroy --yes",
    ]);
    // The stack is gone; what it was creating is named, each in an error annotation.
    expect(Object.keys(run.world.pulumi.stacks)).toEqual([]);
    const destroy = run.job("sweep").steps.find((s) => s.name === "Destroy the stack");
    const errors = (destroy?.stdout ?? "").split("\n").filter((l) => l.startsWith("::error"));
    expect(errors.map((l) => l.replace(/^::error title=([^:]+)::(\S+) .*$/, "$1 $2"))).toEqual([
      `Left behind by pr-44 ${db}`,
      `Left behind by pr-44 ${nat}`,
    ]);
    expect(run.job("sweep").summary).toContain(
      "aws resourcegroupstaggingapi get-resources --tag-filters Key=pr-number,Values=44",
    );
    expect(run.job("sweep").summary).toContain(`- \`${nat}\``);
  });
});
