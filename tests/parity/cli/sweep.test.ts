import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "./run-cli";

const STACK_LS = path.resolve(__dirname, "../../fixtures/pulumi-stack-ls.json");
const dir = mkdtempSync(path.join(os.tmpdir(), "parity-sweep-cli-"));
const openPrs = path.join(dir, "prs.json");
writeFileSync(
  openPrs,
  JSON.stringify([{ number: 42 }, { number: 43 }, { number: 44 }, { number: 45 }]),
);

describe("parity sweep", () => {
  it("prints the stacks to destroy on stdout and every decision on stderr", async () => {
    const result = await runCli(
      "sweep",
      "--stacks",
      STACK_LS,
      "--open-prs",
      openPrs,
      "--now",
      "2026-11-20T12:00:00Z",
    );
    expect(result).toEqual({
      code: 0,
      stdout: "pr-41\npr-43\n",
      stderr: [
        "destroy pr-41: pull request #41 is not open",
        "keep pr-42: pull request #42 is open; expires 2026-11-22T08:30:12.000Z",
        "destroy pr-43: last deployed 2026-11-16T10:00:00.000Z, past its 72-hour TTL",
        "skip pr-44: an update is in progress; the next sweep looks again",
        "keep pr-45: pull request #45 is open and the stack was never deployed",
        "",
      ].join("\n"),
    });
  });

  it("exits 2 for a --now that is not a time", async () => {
    const result = await runCli(
      "sweep",
      "--stacks",
      STACK_LS,
      "--open-prs",
      openPrs,
      "--now",
      "soon",
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "option '--now <time>' argument 'soon' is invalid. expected an ISO 8601 time such as 2026-01-31T12:00:00Z",
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
});
