import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { itExecutesEveryRunStep } from "./harness/coverage";
import { runStep } from "./harness/run-step";
import { findStep, ROOT } from "./harness/steps";

const SETUP = ".github/actions/setup/action.yml";
const STICKY = ".github/actions/sticky-comment/action.yml";

function stackRegion(stack: string): string {
  const file = readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8");
  return (parse(file) as { config: Record<string, string> }).config["aws:region"] ?? "";
}

describe("setup action", () => {
  it("installs the locked dependencies", () => {
    const result = runStep(findStep(SETUP, "Install locked dependencies"), {
      stubs: { npm: "exit 0" },
    });
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([{ command: "npm", args: ["ci", "--no-audit", "--no-fund"] }]);
  });

  it("reads the version of the locked Pulumi SDK, the CLI version it installs", () => {
    const result = runStep(findStep(SETUP, "pulumi"));
    const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
      packages: Record<string, { version: string }>;
    };
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({
      version: lock.packages["node_modules/@pulumi/pulumi"]?.version,
    });
    expect(result.outputs.version).toMatch(/^3\.\d+\.\d+$/);
  });

  it.each(["staging", "prod"])("reads the AWS region of %s from its stack file", (stack) => {
    const result = runStep(findStep(SETUP, "region"), {
      expressions: { "inputs.region-from": stack },
    });
    expect(result.status).toBe(0);
    expect(result.outputs).toEqual({ region: stackRegion(stack) });
    expect(result.outputs.region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
  });

  it("fails when the stack has no stack file", () => {
    const result = runStep(findStep(SETUP, "region"), {
      expressions: { "inputs.region-from": "qa" },
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("Pulumi.qa.yaml");
  });

  itExecutesEveryRunStep(SETUP);
});

describe("sticky-comment action", () => {
  const step = findStep(STICKY, "Post or edit the comment");
  const expressions = {
    "github.token": "ghs_token",
    "inputs.number": "42",
    "inputs.marker": "parity-plan",
  };

  function bodyFile(): { expressions: Record<string, string>; temp: string } {
    const temp = mkdtempSync(path.join(tmpdir(), "sticky-"));
    const file = path.join(temp, "plan.md");
    writeFileSync(file, "## Parity holds\n");
    return { expressions: { ...expressions, "inputs.body-file": file }, temp };
  }

  // The stub answers the comment listing with `$EXISTING` and records what it was sent.
  const gh = `
if [ "$1 $2" = "api --paginate" ]; then printf '%s' "$EXISTING"; exit 0; fi
for arg in "$@"; do case "$arg" in body=@*) cp "\${arg#body=@}" "$RUNNER_TEMP/sent.md" ;; esac; done`;

  it("edits the comment it posted before", () => {
    const { expressions: exprs, temp } = bodyFile();
    const result = runStep(step, {
      expressions: exprs,
      runnerTemp: temp,
      stubs: { gh },
      env: { EXISTING: "777\n" },
    });
    expect(result.status).toBe(0);
    expect(result.calls.map((c) => c.args.slice(0, 3))).toEqual([
      ["api", "--paginate", "repos/acme/parity-stack/issues/42/comments"],
      ["api", "--method", "PATCH"],
    ]);
    expect(result.calls[1]?.args[3]).toBe("repos/acme/parity-stack/issues/comments/777");
    expect(readFileSync(path.join(temp, "sent.md"), "utf8")).toBe(
      "<!-- parity-plan -->\n## Parity holds\n",
    );
  });

  it("posts a new comment when there is none", () => {
    const { expressions: exprs, temp } = bodyFile();
    const result = runStep(step, {
      expressions: exprs,
      runnerTemp: temp,
      stubs: { gh },
      env: { EXISTING: "" },
    });
    expect(result.status).toBe(0);
    expect(result.calls[1]?.args.slice(0, 4)).toEqual([
      "api",
      "--method",
      "POST",
      "repos/acme/parity-stack/issues/42/comments",
    ]);
  });

  itExecutesEveryRunStep(STICKY);
});
