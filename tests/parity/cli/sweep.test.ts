import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "./run-cli";

const FIXTURES = path.resolve(__dirname, "../../fixtures");
const dir = mkdtempSync(path.join(os.tmpdir(), "parity-sweep-cli-"));
const openPrs = path.join(dir, "prs.json");
writeFileSync(openPrs, JSON.stringify([42, 43, 44, 45, 46].map((number) => ({ number }))));

describe("parity sweep", () => {
  it("prints the stacks to destroy as JSON on stdout and every decision on stderr", async () => {
    const result = await runCli(
      "sweep",
      "--stacks",
      path.join(FIXTURES, "pulumi-stack-ls.cloud.json"),
      "--open-prs",
      openPrs,
      "--running",
      path.join(FIXTURES, "pulumi-running-updates.json"),
      "--now",
      "2026-11-20T12:00:00Z",
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { stack: "acme/parity-stack/pr-41", pullRequest: 41, cancelStaleUpdate: false },
      { stack: "acme/parity-stack/pr-43", pullRequest: 43, cancelStaleUpdate: false },
      { stack: "acme/parity-stack/pr-44", pullRequest: 44, cancelStaleUpdate: true },
    ]);
    expect(result.stdout.split("\n")).toHaveLength(2);
    expect(result.stderr.split("\n").map((line) => line.split(":")[0])).toEqual([
      "destroy acme/parity-stack/pr-41",
      "keep acme/parity-stack/pr-42",
      "destroy acme/parity-stack/pr-43",
      "destroy acme/parity-stack/pr-44",
      "keep acme/parity-stack/pr-45",
      "skip acme/parity-stack/pr-46",
      "",
    ]);
  });

  it("lists resources tagged for pull requests without a stack in its markdown", async () => {
    const markdown = path.join(dir, "sweep.md");
    const result = await runCli(
      "sweep",
      "--stacks",
      path.join(FIXTURES, "pulumi-stack-ls.diy.json"),
      "--open-prs",
      openPrs,
      "--locks",
      path.join(FIXTURES, "s3-pulumi-locks.json"),
      "--tagged",
      path.join(FIXTURES, "aws-tagged-resources.json"),
      "--markdown",
      markdown,
      "--now",
      "2026-11-20T12:00:00Z",
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "orphaned: 2 resource(s) tagged pr-number=38 without a stack\n",
    );
    const text = readFileSync(markdown, "utf8");
    expect(text).toContain("| `pr-44` | destroy | held since");
    expect(text).toContain(
      "- pull request #38:\n  - `arn:aws:ec2:eu-west-1:123456789012:elastic-ip/eipalloc-0f1e2d3c4b5a69788`\n",
    );
  });

  it("prints an empty list when nothing is to be destroyed", async () => {
    const stacks = path.join(dir, "none.json");
    writeFileSync(stacks, '[{"name":"staging","current":true}]');
    const result = await runCli("sweep", "--stacks", stacks, "--open-prs", openPrs);
    expect(result).toEqual({ code: 0, stdout: "[]\n", stderr: "" });
  });

  it("exits 2 for a --now that is not a time", async () => {
    const result = await runCli(
      "sweep",
      "--stacks",
      path.join(FIXTURES, "pulumi-stack-ls.diy.json"),
      "--open-prs",
      openPrs,
      "--now",
      "soon",
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "option '--now <time>' argument 'soon' is invalid. expected an RFC 3339 time such as 2026-01-31T12:00:00Z",
    );
  });

  it("exits 2 with one line when the stack list is missing", async () => {
    const missing = path.join(dir, "missing.json");
    const result = await runCli("sweep", "--stacks", missing, "--open-prs", openPrs);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `parity: ${missing}: no such file.\n`,
    });
  });

  it("exits 2 and destroys nothing when a lastUpdate is not a time the CLI prints", async () => {
    const stacks = path.join(dir, "stacks-bad-time.json");
    writeFileSync(stacks, JSON.stringify([{ name: "pr-5", current: false, lastUpdate: "1" }]));

    expect(await runCli("sweep", "--stacks", stacks, "--open-prs", openPrs)).toEqual({
      code: 2,
      stdout: "",
      stderr: `parity: ${stacks}: stack "pr-5" has lastUpdate "1", which is not an RFC 3339 time such as 2026-01-31T12:00:00Z. Pass the file the CLI wrote.\n`,
    });
  });
});
