import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { LONGEST_JOB_MINUTES } from "../../parity/pr-stacks/locks";
import { itExecutesEveryRunStep } from "./harness/coverage";
import { runStep, type RunOptions } from "./harness/run-step";
import { findStep, ROOT } from "./harness/steps";

const PR = ".github/workflows/pr-environment.yml";
const FIXTURES = path.join(ROOT, "tests/fixtures");
const fixture = (file: string) => path.join(FIXTURES, file);

const secrets = {
  "secrets.PULUMI_BACKEND_URL": "s3://acme-pulumi-preview/state?region=eu-west-1",
  "secrets.PULUMI_ACCESS_TOKEN": "",
  "secrets.CLOUDFLARE_API_TOKEN": "cf-token",
};
const KMS = "awskms://alias/acme-state-preview?region=eu-west-1";
const prJob = {
  ...secrets,
  "vars.PULUMI_SECRETS_PROVIDER": KMS,
  "github.event.pull_request.number": "57",
};

/** `npx parity …` run for real, judged at the fixtures' "now". */
const parityAt = `[ "$1" = parity ] && shift
exec node "$GITHUB_WORKSPACE/parity/cli/bin.js" "$@" --now 2026-11-20T12:00:00Z`;

function run(name: string, job: string, options: RunOptions) {
  return runStep(findStep(PR, name, job), { timeoutMs: 60_000, ...options });
}

describe("pr-environment.yml deploy", () => {
  const stackLs = `[ "$1 $2" = "stack ls" ] && cat "${fixture("pulumi-stack-ls.diy.json")}"; exit 0`;

  it("deploys a pull request whose stack exists already", () => {
    const result = run("capacity", "admit", {
      expressions: { ...prJob, "github.event.pull_request.number": "42" },
      stubs: { pulumi: stackLs },
    });
    expect(result.stderr).not.toContain("parity:");
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({ admitted: "true" });
    expect(result.stdout).toBe("pr-42 may deploy: 5 other preview stack(s), limit 2.\n");
  });

  it("makes a new pull request wait over the cap and writes its comment", () => {
    const result = run("capacity", "admit", { expressions: prJob, stubs: { pulumi: stackLs } });
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({ admitted: "false" });
    const comment = readFileSync(path.join(result.runnerTemp, "preview.md"), "utf8");
    expect(comment).toMatch(/^### Preview environment `pr-57` waits\n/);
    expect(comment).toContain("`prStackLimit: 2` in `stacks/capacity.yaml`");
    expect(comment).toContain("(the first may go at 2026-11-19T10:00:00.000Z)");
  });

  it("fails when the capacity check cannot decide", () => {
    const result = run("capacity", "admit", {
      expressions: prJob,
      stubs: { pulumi: stackLs, npx: "echo 'parity: bad input' >&2; exit 2" },
    });
    expect(result.status).toBe(2);
    expect(result.outputs).toEqual({});
  });

  it("creates an admitted stack with the preview tier's KMS key and records it in the state with a refresh of the empty stack", () => {
    const result = run(
      "Create the stack with the preview tier's KMS key, recorded in its state",
      "admit",
      {
        expressions: { ...prJob, "steps.capacity.outputs.admitted": "true" },
        // A new DIY stack's export: an empty deployment, no secrets_providers.
        stubs: {
          pulumi: `[ "$1 $2" = "stack export" ] && echo '{"version": 3, "deployment": {}}'; exit 0`,
        },
      },
    );
    expect(result.status).toBe(0);
    expect(result.calls.map((c) => c.args)).toEqual([
      ["stack", "select", "pr-57", "--create", "--secrets-provider", KMS, "--non-interactive"],
      ["stack", "export", "--stack", "pr-57"],
      [
        "refresh",
        "--yes",
        "--non-interactive",
        "--stack",
        "pr-57",
        "--message",
        "record the secrets provider of pr-57",
      ],
    ]);
  });

  it("sets an admitted stack's expiry 72 hours ahead", () => {
    const before = Date.now();
    const result = run("stack", "deploy", { expressions: prJob, stubs: { pulumi: "exit 0" } });
    expect(result.status).toBe(0);
    const expires = result.outputs.expires ?? "";
    expect(Date.parse(expires) - before).toBeGreaterThan(71.9 * 3_600_000);
    expect(result.calls.map((c) => c.args)).toEqual([
      ["stack", "select", "pr-57", "--non-interactive"],
      ["config", "set", "parity-stack:expiresAt", expires, "--stack", "pr-57"],
    ]);
  });

  it("runs the policy pack on the pull request's stack before its update, failing on a mandatory violation", () => {
    const check = (code: number) =>
      run("Check the stack against the policy pack", "deploy", {
        expressions: prJob,
        stubs: { pulumi: `exit ${code}` },
      });
    const passed = check(0);
    expect(passed.status).toBe(0);
    expect(passed.calls.map((c) => c.args)).toEqual([
      ["preview", "--non-interactive", "--stack", "pr-57", "--policy-pack", "policy"],
    ]);
    expect(check(255).status).toBe(255);
  });

  it("runs pulumi up on the pull request's stack", () => {
    const result = run("pulumi up", "deploy", { expressions: prJob, stubs: { pulumi: "exit 0" } });
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([
      {
        command: "pulumi",
        args: [
          "up",
          "--yes",
          "--non-interactive",
          "--stack",
          "pr-57",
          "--message",
          "pull request pr-57 at 0123456789abcdef0123456789abcdef01234567",
        ],
      },
    ]);
  });

  it("reads the URL and release from the stack outputs", () => {
    const result = run("outputs", "deploy", {
      expressions: prJob,
      stubs: {
        pulumi: `echo '{"hostname":"pr-57-staging.parity-stack.dev","releaseId":"r-0123"}'`,
      },
    });
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({
      url: "https://pr-57-staging.parity-stack.dev",
      release: "r-0123",
    });
  });

  it("runs the functional tests against the preview's URL and release", () => {
    const result = run("Functional tests against the preview", "deploy", {
      expressions: {
        ...prJob,
        "steps.outputs.outputs.url": "https://pr-57-staging.parity-stack.dev",
        "steps.outputs.outputs.release": "r-0123",
        "steps.previous.outputs.file": "",
      },
      stubs: { npx: "exit 0" },
    });
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([
      {
        command: "npx",
        args: ["parity", "verify", "https://pr-57-staging.parity-stack.dev", "--release", "r-0123"],
      },
    ]);
  });

  it("writes the comment with the URL, the commit and the expiry", () => {
    const result = run("Write the comment", "deploy", {
      expressions: {
        ...prJob,
        "steps.outputs.outputs.url": "https://pr-57-staging.parity-stack.dev",
        "steps.stack.outputs.expires": "2026-11-23T12:00:00Z",
      },
    });
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(result.runnerTemp, "preview.md"), "utf8")).toBe(
      [
        "### Preview environment `pr-57`",
        "",
        "https://pr-57-staging.parity-stack.dev runs 0123456789abcdef0123456789abcdef01234567; the functional tests passed.",
        "",
        "Destroyed when this pull request closes, or by the sweeper after 2026-11-23T12:00:00Z without a new deploy. What one preview stack costs per hour is in the parity plan comment.",
        "",
      ].join("\n"),
    );
  });
});

describe("pr-environment.yml destroy on close", () => {
  const step = "Destroy and remove the stack (nothing to do when it never existed)";
  const pulumi = `[ "$1 $2" = "stack ls" ] && cat "${fixture("pulumi-stack-ls.diy.json")}"; exit 0`;

  it("destroys and removes a stack that exists", () => {
    const result = run(step, "destroy", {
      expressions: { ...prJob, "github.event.pull_request.number": "42" },
      stubs: { pulumi },
    });
    expect(result.status).toBe(0);
    expect(result.calls.map((call) => call.args)).toEqual([
      ["stack", "ls", "--json"],
      ["destroy", "--yes", "--non-interactive", "--stack", "pr-42", "--remove"],
    ]);
  });

  it("succeeds without destroying anything when the stack never existed", () => {
    const result = run(step, "destroy", { expressions: prJob, stubs: { pulumi } });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("Stack pr-57 does not exist; nothing to destroy.\n");
    expect(result.calls.map((call) => call.args[0])).toEqual(["stack"]);
  });

  it("runs for forks too and never checks out the pull request's code", () => {
    const workflow = parse(readFileSync(path.join(ROOT, PR), "utf8")) as {
      on: Record<string, { types: string[] }>;
      jobs: Record<string, { if: string; steps: { with?: Record<string, string> }[] }>;
    };
    expect(workflow.on.pull_request_target).toEqual({ types: ["closed"] });
    expect(workflow.on.pull_request?.types).not.toContain("closed");
    const destroy = workflow.jobs.destroy;
    expect(destroy?.if).not.toContain("head.repo");
    expect(destroy?.steps[0]?.with?.ref).toBe("${{ github.event.pull_request.base.sha }}");
  });
});

describe("pr-environment.yml sweeper", () => {
  const step = "Select the stacks to destroy";
  const gh = 'echo \'[{"number":42},{"number":43},{"number":44},{"number":45},{"number":46}]\'';
  const aws = `case "$1" in
  s3api) cat "${fixture("s3-pulumi-locks.json")}" ;;
  resourcegroupstaggingapi) cat "${fixture("aws-tagged-resources.json")}" ;;
esac`;
  const select = (backend: string, pulumi: string) =>
    run(step, "select", {
      expressions: { ...secrets, "secrets.PULUMI_BACKEND_URL": backend, "github.token": "ghs" },
      stubs: { pulumi, gh, aws, npx: parityAt },
    });

  it("reads a DIY backend's lock files and picks the closed, expired and stale-locked stacks", () => {
    const result = select(
      "s3://acme-pulumi-preview/state?region=eu-west-1",
      `cat "${fixture("pulumi-stack-ls.diy.json")}"`,
    );
    expect(result.stderr).not.toContain("parity:");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.outputs.stacks ?? "")).toEqual([
      { stack: "pr-41", pullRequest: 41, cancelStaleUpdate: false },
      { stack: "pr-43", pullRequest: 43, cancelStaleUpdate: false },
      { stack: "pr-44", pullRequest: 44, cancelStaleUpdate: true },
    ]);
    expect(result.calls.filter((call) => call.command === "aws").map((call) => call.args)).toEqual([
      [
        "s3api",
        "list-objects-v2",
        "--bucket",
        "acme-pulumi-preview",
        "--prefix",
        "state/.pulumi/locks/",
        "--output",
        "json",
      ],
      [
        "resourcegroupstaggingapi",
        "get-resources",
        "--tag-filters",
        "Key=pr-number",
        "--output",
        "json",
      ],
    ]);
    expect(result.summary).toContain("### Preview stack sweep");
    expect(result.summary).toContain("- pull request #38:");
    expect(result.stdout).toContain(
      "::warning::AWS resources are tagged for pull requests that have no stack; the job summary lists them",
    );
  });

  it("asks Pulumi Cloud when each running update started", () => {
    const pulumi = `case "$1 $2" in
  "stack ls") cat "${fixture("pulumi-stack-ls.cloud.json")}" ;;
  "stack history") jq --arg s "$7" '.[$s]' "${fixture("pulumi-running-updates.json")}" ;;
esac`;
    const result = select("", pulumi);
    expect(result.status).toBe(0);
    expect(
      result.calls.filter((call) => call.args[1] === "history").map((call) => call.args),
    ).toEqual([
      ["stack", "history", "--json", "--page-size", "1", "--stack", "acme/parity-stack/pr-44"],
      ["stack", "history", "--json", "--page-size", "1", "--stack", "acme/parity-stack/pr-46"],
    ]);
    expect(JSON.parse(result.outputs.stacks ?? "")).toEqual([
      { stack: "acme/parity-stack/pr-41", pullRequest: 41, cancelStaleUpdate: false },
      { stack: "acme/parity-stack/pr-43", pullRequest: 43, cancelStaleUpdate: false },
      { stack: "acme/parity-stack/pr-44", pullRequest: 44, cancelStaleUpdate: true },
    ]);
  });

  it("outputs an empty list when no stack is to go", () => {
    const result = select("https://api.pulumi.com", `echo '[{"name":"staging","current":true}]'`);
    expect(result.status).toBe(0);
    expect(result.outputs.stacks).toBe("[]");
  });

  it("refuses a backend whose locks it cannot read", () => {
    const result = select("gs://acme-pulumi", `echo '[]'`);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain(
      "::error::The sweeper reads locks of s3:// DIY backends and of Pulumi Cloud",
    );
  });

  describe("destroying one stack", () => {
    const destroy = (cancel: string, pulumi = "exit 0") =>
      run("Destroy the stack", "sweep", {
        expressions: {
          ...secrets,
          "matrix.stack": "pr-44",
          "matrix.pullRequest": "44",
          "matrix.cancelStaleUpdate": cancel,
        },
        stubs: { pulumi },
      });
    const stack = ["--stack", "pr-44"];

    it("cancels a stale update, clears its pending creates, then destroys", () => {
      const result = destroy(
        "true",
        `[ "$1 $2" = "stack export" ] && echo '{"version": 3, "deployment": {}}'; exit 0`,
      );
      expect(result.status).toBe(0);
      expect(result.calls.map((call) => call.args)).toEqual([
        ["cancel", "--yes", "--non-interactive", ...stack],
        ["stack", "export", ...stack],
        ["refresh", "--yes", "--non-interactive", "--clear-pending-creates", ...stack],
        ["destroy", "--yes", "--non-interactive", ...stack, "--remove"],
      ]);
      expect(result.summary).toBe("Destroyed pr-44\n");
    });

    it("only destroys a stack nobody holds", () => {
      const result = destroy("false");
      expect(result.calls.map((call) => call.args[0])).toEqual(["destroy"]);
    });

    it("fails the job when the destroy fails", () => {
      const result = destroy("false", "exit 1");
      expect(result.status).toBe(1);
      expect(result.summary).toBe("");
    });
  });
});

describe("stale locks", () => {
  // Only this workflow's jobs lock pull-request stacks, the only stacks the sweeper judges.
  it("are judged against a time no job of this workflow can run past", () => {
    const doc = parse(readFileSync(path.join(ROOT, PR), "utf8")) as {
      jobs: Record<string, { "timeout-minutes"?: number }>;
    };
    const timeouts = Object.values(doc.jobs).map((job) => job["timeout-minutes"] ?? 360);
    expect(Math.max(...timeouts)).toBeLessThanOrEqual(LONGEST_JOB_MINUTES);
  });
});

itExecutesEveryRunStep(PR);
