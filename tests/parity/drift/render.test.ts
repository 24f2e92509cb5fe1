import { parseIgnoreFile } from "../../../parity/drift/ignore";
import { renderMarkdown } from "../../../parity/drift/render-markdown";
import { GITHUB_BODY_LIMIT } from "../../../parity/render/github";
import { renderText } from "../../../parity/drift/render-text";
import { reviewSources } from "../../../parity/drift/review";
import type { StepSource } from "../../../parity/drift/steps";
import { readFixture, refreshPreviewJson, stepsOf } from "./pulumi-fixtures";

let refreshLog: StepSource;
beforeAll(async () => {
  refreshLog = await stepsOf(
    "refresh-drift.preview.jsonl",
    readFixture("event-log/refresh-drift.preview.jsonl"),
  );
});
const ignoreOof = parseIgnoreFile(
  "drift-ignore.yaml",
  "- name: resA\n  property: oof\n  reason: set by the provider on read\n",
);

describe("renderMarkdown", () => {
  it("shows each drifted resource with its property, both values and the ignored count", async () => {
    const report = reviewSources(
      [refreshLog, await stepsOf("refresh.json", refreshPreviewJson())],
      ignoreOof,
    );
    expect(renderMarkdown(report)).toMatchInlineSnapshot(`
     "## Drift review: drift found

     1 changed · 3 deleted · 1 ignored change · 18 unchanged

     ### \`refresh-drift.preview.jsonl\` (engine event log, refresh)

     | resource | type | change | property | in Pulumi state | in the cloud |
     | --- | --- | --- | --- | --- | --- |
     | \`resC\` | \`pkgA:m:typA\` | deleted out of band | | | |
     | \`resC\` | \`pkgA:m:typA\` | deleted out of band | | | |

     Ignored 1 change(s) listed in the ignore file:
     - 1 × set by the provider on read

     ### \`refresh.json\` (preview JSON, refresh)

     | resource | type | change | property | in Pulumi state | in the cloud |
     | --- | --- | --- | --- | --- | --- |
     | \`docs\` | \`aws:s3/bucket:Bucket\` | changed out of band | \`tags.Owner\` (add) | _(absent)_ | \`"console-user"\` |
     | \`docs\` | \`aws:s3/bucket:Bucket\` | changed out of band | \`policy\` (update) | \`[secret]\` | \`[secret]\` |
     | \`docsHandler-74d12784\` | \`aws:iam/rolePolicyAttachment:RolePolicyAttachment\` | deleted out of band | | | |
     "
    `);
  });

  it("says a preview is not a refresh", async () => {
    const preview = await stepsOf(
      "update.json",
      readFixture("preview/s3-lambda.update.preview.json"),
    );
    expect(renderMarkdown(reviewSources([preview], []))).toMatchInlineSnapshot(`
     "## Drift review: drift found

     1 changed · 0 deleted · 0 ignored changes · 15 unchanged

     ### \`update.json\` (preview JSON, not a refresh)

     > [!NOTE]
     > Not a refresh (no \`refresh\` steps): these are the changes of an update, code changes as well as drift. For drift alone, run \`pulumi refresh --preview-only --json\`.

     | resource | type | change | property | before | after |
     | --- | --- | --- | --- | --- | --- |
     | \`docsHandler\` | \`aws:lambda/function:Function\` | update | \`code\` (update) | \`"archive sha256:4fababcf7ea9c00e4bd4263bf3ac3d1fece41b318a892f4a4b864bc3fd65c84d"\` | \`"archive sha256:3886dc7db621541977d614ac33c9ba8f079dcd8f98e58459e646d4197569d9a1"\` |
     "
    `);
  });

  it("stays within the limit by leaving out rows and saying how many", async () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({
        sequence: i,
        timestamp: 0,
        resOutputsEvent: {
          metadata: {
            op: "delete",
            urn: `urn:pulumi:prod::app::aws:s3/bucket:Bucket::bucket-with-a-long-name-${i}`,
            old: {
              type: "aws:s3/bucket:Bucket",
              urn: `urn:pulumi:prod::app::aws:s3/bucket:Bucket::bucket-with-a-long-name-${i}`,
              id: `bucket-${i}`,
              inputs: {},
              outputs: {},
            },
          },
        },
      }),
    )
      .concat(JSON.stringify({ sequence: 2000, timestamp: 0, summaryEvent: {} }))
      .join("\n");
    const markdown = renderMarkdown(reviewSources([await stepsOf("big.jsonl", many)], []));
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(markdown).toMatch(
      /\n_\d+ more row\(s\) left out to stay within GitHub's 65,536-character limit; the JSON report \(`--json`\) has every change._\n$/,
    );
    expect(markdown).toContain("bucket-with-a-long-name-0`");
    expect(markdown).not.toContain("bucket-with-a-long-name-1999`");
  });
});

describe("renderText", () => {
  it("lists changes, deletions and ignored counts for a terminal", () => {
    expect(renderText(reviewSources([refreshLog], ignoreOof))).toMatchInlineSnapshot(`
     "Drift review: drift found

     refresh-drift.preview.jsonl (engine event log, refresh)
       deleted out of band: resC (pkgA:m:typA, id 3)
       deleted out of band: resC (pkgA:m:typA, id 5)
       ignored 1 change: set by the provider on read

     0 changed · 2 deleted · 1 ignored change · 4 unchanged
     "
    `);
  });
});
