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

/** The GitHub Actions variables that name a run, cleared so a test outside Actions sees none. */
const RUN_ENV = ["GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"] as const;
const saved = RUN_ENV.map((name) => process.env[name]);
beforeEach(() => {
  for (const name of RUN_ENV) Reflect.deleteProperty(process.env, name);
});
afterAll(() => {
  RUN_ENV.forEach((name, i) => {
    const value = saved[i];
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  });
});

/** The time a run printed, which is when it ran: the one part of the output a test cannot fix. */
const REVIEWED = /Reviewed \d{4}-\d\d-\d\d \d\d:\d\d UTC/g;

describe("parity drift", () => {
  it("exits 1 on drift and writes the markdown and JSON reports", async () => {
    const markdown = path.join(dir, "drift.md");
    const json = path.join(dir, "drift.json");
    const result = await run(REFRESH_LOG, "--markdown", markdown, "--json", json);
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n").slice(0, 2)).toEqual([
      "Drift in stack test: 1 changed · 2 deleted · 0 ignored changes · 3 unchanged",
      expect.stringMatching(/^Reviewed \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/),
    ]);
    expect(readFileSync(markdown, "utf8").split("\n")[0]).toBe("## Drift in stack test");
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
    expect(result.stdout.replace(REVIEWED, "Reviewed <time>")).toBe(
      [
        "No drift in stack prod: 0 changed · 0 deleted · 0 ignored changes · 1 unchanged",
        "Reviewed <time>.",
        "",
        "Stack prod, from in-sync.json (preview JSON, refresh)",
        "",
      ].join("\n"),
    );
  });

  it("links the GitHub Actions run it runs in from the report", async () => {
    Object.assign(process.env, {
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "acme/app",
      GITHUB_RUN_ID: "4242",
    });
    const markdown = path.join(dir, "in-run.md");
    const result = await run(REFRESH_LOG, "--markdown", markdown);
    expect(result.code).toBe(1);
    expect(
      readFileSync(markdown, "utf8").split("\n")[2]?.replace(REVIEWED, "Reviewed <time>"),
    ).toBe(
      "1 changed · 2 deleted · 0 ignored changes · 3 unchanged. Reviewed <time> in run https://github.com/acme/app/actions/runs/4242.",
    );
  });

  it("links the run --run-url names", async () => {
    const result = await run(REFRESH_LOG, "--run-url", "https://ci.example.com/runs/7");
    expect(result.stdout.split("\n")[1]).toMatch(/ in run https:\/\/ci\.example\.com\/runs\/7\.$/);
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
