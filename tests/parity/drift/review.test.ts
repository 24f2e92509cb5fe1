import { writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseIgnoreFile } from "../../../parity/drift/ignore";
import { reviewDrift, reviewSources } from "../../../parity/drift/review";
import type { DriftReport, SourceReview } from "../../../parity/drift/report";
import { fixturePath, readFixture, refreshPreviewJson, stepsOf } from "./pulumi-fixtures";

const REFRESH_LOG = "event-log/refresh-drift.preview.jsonl";
const UPDATE_PREVIEW = "preview/s3-lambda.update.preview.json";

async function review(file: string, text: string, ignoreYaml = "") {
  return reviewSources([await stepsOf(file, text)], parseIgnoreFile("ignore.yaml", ignoreYaml));
}

describe("reviewing the real refresh event log", () => {
  let report: DriftReport;
  let source: SourceReview | undefined;
  beforeAll(async () => {
    report = await review("refresh.jsonl", readFixture(REFRESH_LOG));
    [source] = report.sources;
  });

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
  let source: SourceReview | undefined;
  beforeAll(async () => {
    [source] = (await review("update.json", readFixture(UPDATE_PREVIEW))).sources;
  });

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
  let source: SourceReview | undefined;
  beforeAll(async () => {
    [source] = (await review("refresh.json", refreshPreviewJson())).sources;
  });

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
  it("suppresses a named property and counts it, leaving the deletions", async () => {
    const report = await review(
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

  it("keeps the other paths of a resource when only one is ignored", async () => {
    const report = await review(
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

  const PASS =
    "Pass preview JSON (`pulumi preview --json --show-sames`, `pulumi refresh --preview-only --json`); an engine event log (`--event-log`, one JSON object per line).";

  it.each([
    ["an empty file", "empty.json", "\n", `is empty. ${PASS}`],
    [
      "text",
      "notes.txt",
      "drift happened\n",
      "is not valid JSON (Unexpected token 'd', \"drift happened \" is not valid JSON).",
    ],
    [
      "a JSON array",
      "array.json",
      "[]",
      "is JSON but not an object (got an array). Known formats:",
    ],
    [
      "JSON that is no Pulumi artifact",
      "package.json",
      '{"name":"x"}',
      "is not a Pulumi artifact this tool reads. Known formats: preview JSON",
    ],
    [
      "a preview whose step has no URN",
      "preview.json",
      '{"steps":[{"op":"refresh"}]}',
      "is not a complete preview (at `steps[0].urn`: expected string, received undefined).",
    ],
    [
      "a preview with no steps",
      "preview.json",
      '{"steps":[]}',
      "has no steps, so nothing was reviewed. parity drift reads `pulumi refresh --preview-only --json`, `pulumi preview --json` or an engine event log (`--event-log`) of a stack that has resources.",
    ],
    [
      "a stack export",
      "export.json",
      readFixture("stack-export/s3-lambda.export.json"),
      `is \`pulumi stack export\` (deployment version 3 or 4), which this command does not read. ${PASS}`,
    ],
    [
      "a checkpoint",
      "checkpoint.json",
      readFixture("checkpoint/countdown.checkpoint-v3.json"),
      `is a DIY-backend checkpoint file ({version, checkpoint: {stack, latest}}), which this command does not read. ${PASS}`,
    ],
    [
      "JSON lines that are not engine events",
      "log.jsonl",
      '{"level":"info"}\n{"level":"warn"}\n',
      "line 1: is not a complete engine event (at `sequence`: expected number, received undefined).",
    ],
    [
      "a killed refresh (an event log without its summary)",
      "killed.jsonl",
      readFixture(REFRESH_LOG).split("\n").slice(0, -3).join("\n"),
      "the event log ends without its summary event: the run was cut short (killed or crashed), so it does not show every resource. Run the command again to completion.",
    ],
    [
      "an event log whose last run has no summary, after a complete run",
      "two-runs.jsonl",
      `${readFixture(REFRESH_LOG)}\n${readFixture(REFRESH_LOG).split("\n").slice(0, -3).join("\n")}`,
      "the event log ends without its summary event: the run was cut short (killed or crashed), so it does not show every resource. Run the command again to completion.",
    ],
    [
      "a step with an op Pulumi does not define",
      "preview.json",
      '{"steps":[{"op":"drifted","urn":"urn:pulumi:prod::app::aws:s3/bucket:Bucket::b"}]}',
      "is not a complete preview (at `steps[0].op`: expected a Pulumi step op (same, create, update, delete, replace, create-replacement, delete-replaced, read, read-replacement, refresh, discard, discard-replaced, remove-pending-replace, import, import-replacement)).",
    ],
    [
      "a preview whose summary counts a change its steps do not show",
      "preview.json",
      JSON.stringify({
        ...(JSON.parse(refreshPreviewJson()) as object),
        changeSummary: { delete: 2, same: 14, update: 1 },
      }),
      "the engine's summary counts 2 delete step(s) but the file shows 1: steps were cut or edited out. Pass the whole file Pulumi wrote.",
    ],
    [
      "an event log whose steps show a change its summary does not count",
      "edited.jsonl",
      readFixture(REFRESH_LOG).replace(
        '"resourceChanges":{"delete":2,',
        '"resourceChanges":{"delete":1,',
      ),
      "the engine's summary counts 1 delete step(s) but the file shows 2: steps were cut or edited out. Pass the whole file Pulumi wrote.",
    ],
  ])("refuses %s with a message naming the file", async (_what, name, text, problem) => {
    const file = write(name, text);
    await expect(reviewDrift({ files: [file] })).rejects.toThrow(`${file}: ${problem}`);
  });

  const urn = "urn:pulumi:prod::app::aws:s3/bucket:Bucket::b";
  const state = (id: string) => ({ urn, type: "aws:s3/bucket:Bucket", id });

  it("reads two deletions of one URN told apart by their ids (one was pending deletion)", async () => {
    const preview = JSON.stringify({
      steps: [
        { op: "refresh", urn, oldState: state("b-1") },
        { op: "delete", urn, oldState: state("b-1") },
        { op: "delete", urn, oldState: state("b-2") },
      ],
    });
    const report = await reviewDrift({ files: [write("pending.json", preview)] });
    expect(report.sources[0]?.deleted.map((r) => r.id)).toEqual(["b-1", "b-2"]);
  });

  it("refuses a preview that plans one resource twice", async () => {
    const file = write(
      "twice.json",
      JSON.stringify({
        steps: [
          { op: "same", urn },
          { op: "refresh", urn },
          { op: "same", urn },
        ],
      }),
    );
    await expect(reviewDrift({ files: [file] })).rejects.toThrow(
      `${file}: URN ${urn} appears twice (\`steps[0]\` and \`steps[2]\`); a stack holds each resource once. Pass the file Pulumi wrote.`,
    );
  });

  it("refuses a missing file", async () => {
    const file = path.join(dir, "missing.json");
    await expect(reviewDrift({ files: [file] })).rejects.toThrow(`${file}: no such file.`);
  });
});

describe("reviewDrift on an event log that holds several runs", () => {
  it("reviews only the last run", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "parity-runs-"));
    const file = path.join(dir, "runs.jsonl");
    const earlier = readFixture("event-log/eks-create.jsonl").trim();
    writeFileSync(file, `${earlier}\n${readFixture(REFRESH_LOG)}`);

    const report = await reviewDrift({ files: [file] });

    expect(report.summary).toEqual({
      changed: 1,
      deleted: 2,
      created: 0,
      ignored: 0,
      unchanged: 3,
    });
  });
});
