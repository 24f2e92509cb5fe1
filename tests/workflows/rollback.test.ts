import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { runStep } from "./harness/run-step";
import { findStep, ROOT } from "./harness/steps";
import { gitFixture, image, type GitFixture } from "./release-fixtures";

const ROLLBACK = ".github/workflows/rollback.yml";
const TAG = "DEPLOYED-2026-11-20/101500-4100";

const secrets = {
  "secrets.PULUMI_BACKEND_URL": "s3://state",
  "secrets.PULUMI_ACCESS_TOKEN": "",
  "secrets.CLOUDFLARE_API_TOKEN": "cf-token",
};

describe("rollback.yml", () => {
  const workflow = parse(readFileSync(path.join(ROOT, ROLLBACK), "utf8")) as {
    jobs: { rollback: { concurrency: unknown; environment: unknown } };
  };

  it("shares production's concurrency group and approval with promotion", () => {
    expect(workflow.jobs.rollback.concurrency).toEqual({
      group: "pulumi-prod",
      "cancel-in-progress": false,
      queue: "max",
    });
    expect(workflow.jobs.rollback.environment).toEqual({
      name: "production",
      url: "${{ steps.deploy.outputs.url }}",
    });
  });

  describe("reading the image of the tag", () => {
    let repo: GitFixture;
    beforeEach(() => {
      repo = gitFixture();
    });
    const read = (tag: string) =>
      runStep(findStep(ROLLBACK, "tag"), {
        expressions: { ...secrets, "inputs.tag": tag },
        workspace: repo.work,
      });

    it("reads the image and commit a DEPLOYED tag recorded", () => {
      repo.tag(TAG, repo.commits[0], image("a"));
      const result = read(TAG);
      expect(result.status).toBe(0);
      expect(result.outputs).toEqual({ "image-ref": image("a"), commit: repo.commits[0] });
    });

    it.each([
      [
        "LIVE",
        "::error::'LIVE' is not a DEPLOYED-YYYY-MM-DD/HHMMSS-<run> tag; list them with: git tag --list 'DEPLOYED-*'",
      ],
      [
        "DEPLOYED-2026-01-01/000000-1",
        "::error::There is no tag DEPLOYED-2026-01-01/000000-1; list them with: git tag --list 'DEPLOYED-*'",
      ],
    ])("refuses %s", (tag, message) => {
      const result = read(tag);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain(message);
    });

    it("refuses a tag that records no image", () => {
      repo.git("tag", "--annotate", TAG, "--message", "made by hand", repo.commits[0]);
      const result = read(TAG);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain(
        `::error::Tag ${TAG} records no 'image:' line; it was not made by the promote workflow`,
      );
    });
  });

  it("verifies production without writes after the rollback", () => {
    const result = runStep(findStep(ROLLBACK, "Verify production (read-only)"), {
      expressions: {
        ...secrets,
        "steps.deploy.outputs.url": "https://app.parity-stack.io",
        "steps.deploy.outputs.release": "sha256:aa",
        "inputs.tag": TAG,
      },
      stubs: { npx: "exit 0" },
    });
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([
      {
        command: "npx",
        args: [
          "parity",
          "verify",
          "https://app.parity-stack.io",
          "--release",
          "sha256:aa",
          "--read-only",
          "--through-cloudflare",
        ],
      },
    ]);
    expect(result.summary).toBe(`Production runs the image of ${TAG} again.\n`);
  });
});
