import { writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseIgnoreFile } from "../../../parity/drift/ignore";
import { reviewDrift, reviewSources } from "../../../parity/drift/review";
import { readSteps } from "../../../parity/drift/steps";
import { fixturePath, readFixture, refreshPreviewJson } from "./pulumi-fixtures";

const REFRESH_LOG = "event-log/refresh-drift.preview.jsonl";
const UPDATE_PREVIEW = "preview/s3-lambda.update.preview.json";

function review(file: string, text: string, ignoreYaml = "") {
  return reviewSources([readSteps(file, text)], parseIgnoreFile("ignore.yaml", ignoreYaml));
}

describe("reviewing the real refresh event log", () => {
  const report = review("refresh.jsonl", readFixture(REFRESH_LOG));
  const [source] = report.sources;

  it("recognises an engine event log of a refresh", () => {
    expect(source).toMatchObject({ format: "event-log", refresh: true, notes: [] });
  });

  it("reports exactly one resource changed out of band, with the added property", () => {
    expect(source?.changed).toEqual([
      {
        urn: "urn:pulumi:test::test::pkgA:m:typA::resA",
        type: "pkgA:m:typA",
        name: "resA",
        id: "7",
        op: "update",
        changes: [{ path: "oof", kind: "add", old: undefined, new: "zab" }],
      },
    ]);
  });

  it("reports the two resources deleted out of band, told apart by id", () => {
    expect(source?.deleted.map((r) => [r.name, r.id, r.op])).toEqual([
      ["resC", "3", "delete"],
      ["resC", "5", "delete"],
    ]);
  });

  it("agrees with the engine's own summary", () => {
    expect(source?.engineSummary).toEqual({ delete: 2, same: 3, update: 1 });
    expect(report.summary).toEqual({
      changed: 1,
      deleted: 2,
      created: 0,
      ignored: 0,
      unchanged: 3,
    });
    expect(report.drift).toBe(true);
  });
});

describe("reviewing the real update preview", () => {
  const [source] = review("update.json", readFixture(UPDATE_PREVIEW)).sources;

  it("reports the one changed resource with its archive hashes, not its code", () => {
    expect(source?.changed).toHaveLength(1);
    expect(source?.changed[0]).toMatchObject({
      name: "docsHandler",
      type: "aws:lambda/function:Function",
      op: "update",
      changes: [
        {
          path: "code",
          kind: "update",
          old: "archive sha256:4fababcf7ea9c00e4bd4263bf3ac3d1fece41b318a892f4a4b864bc3fd65c84d",
          new: "archive sha256:3886dc7db621541977d614ac33c9ba8f079dcd8f98e58459e646d4197569d9a1",
        },
      ],
    });
    expect(source?.unchanged).toBe(15);
  });

  it("says that a preview is not a refresh and still reports its changes", () => {
    expect(source?.refresh).toBe(false);
    expect(source?.notes).toEqual([
      "Not a refresh (no `refresh` steps): these are the changes of an update, code changes as well as drift. For drift alone, run `pulumi refresh --preview-only --json`.",
    ]);
  });
});

describe("reviewing refresh-preview JSON (built from the real preview's shape)", () => {
  const [source] = review("refresh.json", refreshPreviewJson()).sources;

  it("reports the changed bucket with the added tag and the secret masked on both sides", () => {
    expect(source?.refresh).toBe(true);
    expect(source?.changed.map((r) => [r.name, r.changes])).toEqual([
      [
        "docs",
        [
          { path: "tags.Owner", kind: "add", old: undefined, new: "console-user" },
          { path: "policy", kind: "update", old: "[secret]", new: "[secret]" },
        ],
      ],
    ]);
    expect(JSON.stringify(source)).not.toContain("Statement");
  });

  it("reports the attachment detached out of band", () => {
    expect(source?.deleted.map((r) => r.name)).toEqual(["docsHandler-74d12784"]);
  });
});

describe("ignoring known-noisy properties", () => {
  it("suppresses a named property and counts it, leaving the deletions", () => {
    const report = review(
      "refresh.jsonl",
      readFixture(REFRESH_LOG),
      "- name: resA\n  property: oof\n  reason: set by the provider on read\n",
    );
    expect(report.sources[0]?.changed).toEqual([]);
    expect(report.sources[0]?.ignored).toEqual([
      {
        urn: "urn:pulumi:test::test::pkgA:m:typA::resA",
        path: "oof",
        reason: "set by the provider on read",
      },
    ]);
    expect(report.summary).toMatchObject({ changed: 0, deleted: 2, ignored: 1, unchanged: 4 });
    expect(report.drift).toBe(true);
  });

  it("keeps the other paths of a resource when only one is ignored", () => {
    const report = review(
      "refresh.json",
      refreshPreviewJson(),
      "- type: aws:s3/*\n  property: tags\n  reason: the security scanner tags buckets\n",
    );
    expect(report.sources[0]?.changed[0]?.changes.map((c) => c.path)).toEqual(["policy"]);
    expect(report.summary.ignored).toBe(1);
  });
});

describe("reviewDrift on files", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "parity-drift-"));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it("reviews several files into one report", async () => {
    const report = await reviewDrift({
      files: [fixturePath(REFRESH_LOG), fixturePath(UPDATE_PREVIEW)],
    });
    expect(report.summary).toEqual({
      changed: 2,
      deleted: 2,
      created: 0,
      ignored: 0,
      unchanged: 18,
    });
  });

  it("reports no drift when every refresh step found the resource as recorded", async () => {
    const inSync = JSON.stringify({
      steps: [{ op: "refresh", urn: "urn:pulumi:prod::app::aws:s3/bucket:Bucket::assets" }],
    });
    const report = await reviewDrift({ files: [write("in-sync.json", inSync)] });
    expect(report.drift).toBe(false);
    expect(report.summary.unchanged).toBe(1);
  });

  const EXPECTED =
    "parity drift reads `pulumi refresh --preview-only --json`, `pulumi preview --json` or an engine event log (`--event-log`); run one of those and pass its output.";

  it.each([
    ["an empty file", "empty.json", "\n", "is empty"],
    ["text", "notes.txt", "drift happened\n", "is neither JSON nor JSON lines"],
    ["a JSON array", "array.json", "[]", "is JSON but not an object"],
    [
      "JSON without steps",
      "package.json",
      '{"name":"x"}',
      "is JSON but not a Pulumi preview (at `steps`: Invalid input: expected array, received undefined)",
    ],
    [
      "a stack export",
      "export.json",
      readFixture("stack-export/s3-lambda.export.json"),
      "is a stack export (`pulumi stack export`), which holds state, not changes",
    ],
    [
      "a checkpoint",
      "checkpoint.json",
      readFixture("checkpoint/countdown.checkpoint-v3.json"),
      "is a DIY-backend checkpoint file, which holds state, not changes",
    ],
    [
      "JSON lines that are not engine events",
      "log.jsonl",
      '{"level":"info"}\n{"level":"warn"}\n',
      "line 1 is not an engine event (at `sequence`: Invalid input: expected number, received undefined)",
    ],
  ])("refuses %s with a message naming the file", async (_what, name, text, problem) => {
    const file = write(name, text);
    await expect(reviewDrift({ files: [file] })).rejects.toThrow(
      `${file}: ${problem}. ${EXPECTED}`,
    );
  });

  it("refuses a missing file", async () => {
    const file = path.join(dir, "missing.json");
    await expect(reviewDrift({ files: [file] })).rejects.toThrow(
      `Cannot read input file ${file} (ENOENT); pass an existing file.`,
    );
  });
});
