import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fixturePath } from "../drift/pulumi-fixtures";
import { runCli, type CliResult } from "./run-cli";

const dir = mkdtempSync(path.join(os.tmpdir(), "parity-drift-cli-"));
const REFRESH_LOG = fixturePath("event-log/refresh-drift.preview.jsonl");

function run(...args: string[]): Promise<CliResult> {
  return runCli("drift", ...args);
}

describe("parity drift", () => {
  it("exits 1 on drift and writes the markdown and JSON reports", async () => {
    const markdown = path.join(dir, "drift.md");
    const json = path.join(dir, "drift.json");
    const result = await run(REFRESH_LOG, "--markdown", markdown, "--json", json);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("1 changed · 2 deleted · 0 ignored changes · 3 unchanged");
    expect(readFileSync(markdown, "utf8")).toContain("## Drift review: drift found");
    const report = JSON.parse(readFileSync(json, "utf8")) as { summary: unknown; drift: boolean };
    expect(report.summary).toEqual({
      changed: 1,
      deleted: 2,
      created: 0,
      ignored: 0,
      unchanged: 3,
    });
  });

  it("exits 0 when there is no drift", async () => {
    const inSync = path.join(dir, "in-sync.json");
    writeFileSync(
      inSync,
      JSON.stringify({
        steps: [{ op: "refresh", urn: "urn:pulumi:prod::app::aws:s3/bucket:Bucket::b" }],
      }),
    );
    const result = await run(inSync);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Drift review: no drift");
  });

  it("exits 2 with one clear line for an ignore file with an invalid pattern", async () => {
    const ignore = path.join(dir, "bad-ignore.yaml");
    writeFileSync(ignore, "- name: '/res[/'\n  property: oof\n  reason: noise\n");
    const result = await run(REFRESH_LOG, "--ignore", ignore);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `parity: Ignore file ${ignore}: entry 1 \`name\` is not a valid pattern (got "/res[/": Invalid regular expression: /res[/: Unterminated character class); write a glob where * matches any characters (such as "aws:ecs/*" or "tags.*"), or a regular expression between slashes (such as "/^tags\\./").\n`,
    );
  });

  it("exits 2 for an empty file", async () => {
    const empty = path.join(dir, "empty.json");
    writeFileSync(empty, "");
    const result = await run(empty);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^parity: .*empty\.json: is empty\. /);
  });

  it("exits 2 without a file", async () => {
    expect((await run()).code).toBe(2);
  });
});
