import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCli } from "./run-cli";

const DIY = path.resolve(__dirname, "../../fixtures/pulumi-stack-ls.diy.json");
const dir = mkdtempSync(path.join(os.tmpdir(), "parity-admit-cli-"));

describe("parity admit", () => {
  it("lets a pull-request stack that exists update, whatever the count", async () => {
    const result = await runCli("admit", "--stacks", DIY, "--stack", "pr-42");
    expect(result).toEqual({
      code: 0,
      stdout: "pr-42 may deploy: 5 other preview stack(s), limit 2.\n",
      stderr: "",
    });
  });

  it("makes a new one wait while prStackLimit stacks exist, saying why and when", async () => {
    const markdown = path.join(dir, "preview.md");
    const result = await runCli(
      "admit",
      "--stacks",
      DIY,
      "--stack",
      "pr-57",
      "--markdown",
      markdown,
    );
    expect(result.code).toBe(1);
    expect(readFileSync(markdown, "utf8")).toBe(
      [
        "### Preview environment `pr-57` waits",
        "",
        "6 preview stacks exist (`pr-41`, `pr-42`, `pr-43`, `pr-44`, `pr-45`, `pr-46`), the most this repository runs at once (`prStackLimit: 2` in `stacks/capacity.yaml`). Each one is an Aurora clone of staging (AWS allows 15 per cluster) and takes 3 Elastic IPs, 3 NAT gateways and a VPC from the account's quotas.",
        "",
        "This pull request deploys once one of them is destroyed: when its pull request closes, or when the sweeper removes it 72 hours after its last deploy (the first may go at 2026-11-19T10:00:00.000Z). Push a commit or re-run this job then.",
        "",
      ].join("\n"),
    );
    expect(result.stdout).toBe(readFileSync(markdown, "utf8"));
  });

  it("refuses a stack that is not a pull-request stack", async () => {
    const result = await runCli("admit", "--stacks", DIY, "--stack", "staging");
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'parity: --stack "staging" is not a pull-request stack; pass pr-<n>, e.g. --stack pr-42.\n',
    });
  });

  it("exits 2 when one stack is listed twice, instead of counting it twice", async () => {
    const stacks = path.join(dir, "stacks-twice.json");
    writeFileSync(
      stacks,
      '[{"name":"pr-5","current":false},{"name":"acme/parity-stack/pr-5","current":false}]',
    );

    expect(await runCli("admit", "--stacks", stacks, "--stack", "pr-6")).toEqual({
      code: 2,
      stdout: "",
      stderr: `parity: ${stacks}: [0] "pr-5" and [1] "acme/parity-stack/pr-5" are one stack, which \`pulumi stack ls --json\` lists once. Pass the output of one run: pulumi stack ls --json > ${stacks}\n`,
    });
  });
});
