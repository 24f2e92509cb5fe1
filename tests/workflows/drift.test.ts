import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { refreshPreviewJson } from "../parity/drift/pulumi-fixtures";
import { itExecutesEveryRunStep } from "./harness/coverage";
import { runStep, type RunOptions } from "./harness/run-step";
import { findStep } from "./harness/steps";

const DRIFT = ".github/workflows/drift.yml";
const review = findStep(DRIFT, "review");
const issues = findStep(DRIFT, "Open, update or close the stack's drift issues");

const secrets = {
  "secrets.PULUMI_BACKEND_URL": "s3://acme-pulumi-production",
  "secrets.PULUMI_ACCESS_TOKEN": "",
  "secrets.CLOUDFLARE_API_TOKEN": "cf-token",
  "matrix.stack": "prod",
};

/** A `pulumi` stub whose refresh preview prints the file `$REFRESH_JSON`. */
const pulumi = 'cat "$REFRESH_JSON"';

function refreshFile(json: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "drift-refresh-")), "refresh.json");
  writeFileSync(file, json);
  return file;
}

/** The refresh preview of a stack nothing touched: every resource only refreshed. */
function noDriftJson(): string {
  const preview = JSON.parse(refreshPreviewJson()) as { steps: { op: string }[] };
  return JSON.stringify({
    ...preview,
    steps: preview.steps.filter((step) => step.op === "refresh"),
    changeSummary: { same: 14 },
  });
}

describe("drift.yml refresh and review", () => {
  it("reports drift as result=drift and puts the review in the job summary", () => {
    const result = runStep(review, {
      expressions: secrets,
      stubs: { pulumi },
      env: { REFRESH_JSON: refreshFile(refreshPreviewJson()) },
      timeoutMs: 60_000,
    });
    expect(result.stderr).not.toContain("parity:");
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({ result: "drift" });
    expect(result.calls).toEqual([
      {
        command: "pulumi",
        args: ["refresh", "--preview-only", "--json", "--non-interactive", "--stack", "prod"],
      },
    ]);
    expect(result.summary).toContain("docs");
    expect(result.summary).toBe(readFileSync(path.join(result.runnerTemp, "drift.md"), "utf8"));
  });

  it("reports a stack without drift as result=clean", () => {
    const result = runStep(review, {
      expressions: secrets,
      stubs: { pulumi },
      env: { REFRESH_JSON: refreshFile(noDriftJson()) },
      timeoutMs: 60_000,
    });
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({ result: "clean" });
  });

  it("reports a failed refresh as result=refresh-failed without reviewing anything", () => {
    const result = runStep(review, {
      expressions: secrets,
      stubs: { pulumi: "echo 'error: failed to decrypt' >&2; exit 255", npx: "exit 99" },
    });
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({ result: "refresh-failed" });
    expect(result.calls.map((call) => call.command)).toEqual(["pulumi"]);
    expect(result.stdout).toContain("::error::pulumi refresh --preview-only of prod exited 255");
    expect(result.summary).toBe(
      [
        "### Drift review of `prod` could not run",
        "",
        "`pulumi refresh --preview-only` exited 255, so nobody knows whether prod still matches its state. The run's log says why: https://github.com/acme/parity-stack/actions/runs/4242",
        "",
      ].join("\n"),
    );
  });

  it("fails the step when parity drift itself refuses its input", () => {
    const result = runStep(review, {
      expressions: secrets,
      stubs: { pulumi: "echo '{}'", npx: "echo 'parity: bad input' >&2; exit 2" },
    });
    expect(result.status).toBe(2);
    expect(result.outputs).toEqual({});
  });
});

describe("drift.yml issues", () => {
  /**
   * A `gh` stub: `issue list` answers with `$OPEN_DRIFT` for the drift issue's title and
   * `$OPEN_FAILED` for the failed-review issue's title; every other call succeeds silently.
   */
  const gh = `
if [ "$1 $2" = "issue list" ]; then
  case "$*" in
    *"Drift in stack"*) printf '%s\\n' "\${OPEN_DRIFT:-}" ;;
    *"failed"*) printf '%s\\n' "\${OPEN_FAILED:-}" ;;
  esac
fi`;

  function run(result: string, env: Record<string, string> = {}): ReturnType<typeof runStep> {
    const temp = mkdtempSync(path.join(tmpdir(), "drift-issue-"));
    writeFileSync(path.join(temp, "drift.md"), "### Drift in prod\n");
    const options: RunOptions = {
      expressions: {
        ...secrets,
        "github.token": "ghs_token",
        "steps.review.outputs.result": result,
      },
      stubs: { gh },
      env,
      runnerTemp: temp,
    };
    return runStep(issues, options);
  }

  const changes = (result: ReturnType<typeof runStep>) =>
    result.calls.filter((call) => call.args[1] !== "list");

  it("opens an issue when drift is found and none is open", () => {
    const result = run("drift");
    expect(result.status).toBe(0);
    expect(changes(result)).toEqual([
      {
        command: "gh",
        args: expect.arrayContaining(["label", "create", "drift", "--force"]) as string[],
      },
      {
        command: "gh",
        args: [
          "issue",
          "create",
          "--repo",
          "acme/parity-stack",
          "--title",
          "Drift in stack prod",
          "--label",
          "drift",
          "--body-file",
          path.join(result.runnerTemp, "drift.md"),
        ],
      },
    ]);
  });

  it("updates the open issue while drift lasts and closes a failed-review issue", () => {
    const result = run("drift", { OPEN_DRIFT: "7", OPEN_FAILED: "9" });
    expect(result.status).toBe(0);
    expect(changes(result).map((call) => call.args.slice(0, 3))).toEqual([
      ["label", "create", "drift"],
      ["issue", "edit", "7"],
      ["issue", "close", "9"],
    ]);
  });

  it("closes the drift issue once the drift is gone", () => {
    const result = run("clean", { OPEN_DRIFT: "7" });
    expect(result.status).toBe(0);
    expect(changes(result)).toEqual([
      {
        command: "gh",
        args: [
          "issue",
          "close",
          "7",
          "--repo",
          "acme/parity-stack",
          "--comment",
          "No drift in prod any more (https://github.com/acme/parity-stack/actions/runs/4242).",
        ],
      },
    ]);
  });

  it("changes nothing when there is no drift and no issue", () => {
    const result = run("clean");
    expect(result.status).toBe(0);
    expect(changes(result)).toEqual([]);
  });

  it("opens an issue of its own when the refresh failed, keeps the drift issue, and fails the job", () => {
    const result = run("refresh-failed", { OPEN_DRIFT: "7" });
    expect(result.status).toBe(1);
    expect(changes(result).map((call) => call.args.slice(0, 6))).toEqual([
      ["label", "create", "drift", "--repo", "acme/parity-stack", "--color"],
      [
        "issue",
        "create",
        "--repo",
        "acme/parity-stack",
        "--title",
        "Drift review of stack prod failed",
      ],
    ]);
  });

  it("fails on a result it does not know", () => {
    const result = run("");
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("::error::unknown drift review result ''");
  });
});

itExecutesEveryRunStep(DRIFT);
