import { parseIgnoreFile } from "../../../parity/drift/ignore";
import { renderMarkdown } from "../../../parity/drift/render-markdown";
import { GITHUB_BODY_LIMIT } from "../../../parity/render/github";
import { renderText } from "../../../parity/drift/render-text";
import { reviewSources } from "../../../parity/drift/review";
import type { StepSource } from "../../../parity/drift/step";
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

/** Where a CI run keeps the refresh: a temporary path that means nothing to the reader. */
const RUNNER_FILE = "/home/runner/work/_temp/refresh.json";

describe("renderMarkdown", () => {
  it("shows each drifted resource with its property, both values and the ignored count", async () => {
    const report = reviewSources(
      [refreshLog, await stepsOf("refresh.json", refreshPreviewJson())],
      ignoreOof,
    );
    expect(renderMarkdown(report)).toMatchInlineSnapshot(`
     "## Drift in stacks test, dev

     1 changed · 3 deleted · 1 ignored change · 18 unchanged

     ### Stack test, from refresh-drift.preview.jsonl (engine event log, refresh)

     | resource | change | property | in Pulumi state | in the cloud |
     | --- | --- | --- | --- | --- |
     | \`resC\` (\`pkgA:m:typA\`, id \`3\`) | deleted out of band | | | |
     | \`resC\` (\`pkgA:m:typA\`, id \`5\`) | deleted out of band | | | |

     Ignored 1 change(s) listed in the ignore file:
     - 1 × set by the provider on read

     ### Stack dev, from refresh.json (preview JSON, refresh)

     | resource | change | property | in Pulumi state | in the cloud |
     | --- | --- | --- | --- | --- |
     | \`docs\` (\`aws:s3/bucket:Bucket\`, id \`docs-4936161\`) | changed out of band | \`tags.Owner\` (add) | _(absent)_ | \`"console-user"\` |
     | \`docs\` (\`aws:s3/bucket:Bucket\`, id \`docs-4936161\`) | changed out of band | \`policy\` (update) | \`[secret]\` | \`[secret]\` |
     | \`docsHandler-74d12784\` (\`aws:iam/rolePolicyAttachment:RolePolicyAttachment\`, id \`docsHandler-9eca035-20241206102232377100000003\`) | deleted out of band | | | |

     ### To resolve drift in test

     For each change:
     - **keep it**: \`pulumi refresh --stack test\` (then change the code to match, or the next pulumi up undoes it)
     - **revert it**: \`pulumi up --refresh --stack test\` (a plain pulumi up compares the code with the state, which still holds the old values, and changes nothing)

     ### To resolve drift in dev

     For each change:
     - **keep it**: \`pulumi refresh --stack dev\` (then change the code to match, or the next pulumi up undoes it)
     - **revert it**: \`pulumi up --refresh --stack dev\` (a plain pulumi up compares the code with the state, which still holds the old values, and changes nothing)
     "
    `);
  });

  it("heads the issue with the stack, the run and its time, and says how to resolve the drift", async () => {
    const report = {
      ...reviewSources(
        [{ ...(await stepsOf("refresh.json", refreshPreviewJson())), file: RUNNER_FILE }],
        [],
      ),
      run: { url: "https://github.com/acme/app/actions/runs/4242", at: "2026-01-31T05:17:42.000Z" },
    };
    expect(renderMarkdown(report)).toMatchInlineSnapshot(`
     "## Drift in stack dev

     1 changed · 1 deleted · 0 ignored changes · 14 unchanged. Reviewed 2026-01-31 05:17 UTC in run https://github.com/acme/app/actions/runs/4242.

     ### Stack dev, from refresh.json (preview JSON, refresh)

     | resource | change | property | in Pulumi state | in the cloud |
     | --- | --- | --- | --- | --- |
     | \`docs\` (\`aws:s3/bucket:Bucket\`, id \`docs-4936161\`) | changed out of band | \`tags.Owner\` (add) | _(absent)_ | \`"console-user"\` |
     | \`docs\` (\`aws:s3/bucket:Bucket\`, id \`docs-4936161\`) | changed out of band | \`policy\` (update) | \`[secret]\` | \`[secret]\` |
     | \`docsHandler-74d12784\` (\`aws:iam/rolePolicyAttachment:RolePolicyAttachment\`, id \`docsHandler-9eca035-20241206102232377100000003\`) | deleted out of band | | | |

     ### To resolve drift in dev

     For each change:
     - **keep it**: \`pulumi refresh --stack dev\` (then change the code to match, or the next pulumi up undoes it)
     - **revert it**: \`pulumi up --refresh --stack dev\` (a plain pulumi up compares the code with the state, which still holds the old values, and changes nothing)
     "
    `);
  });

  it("says there is no drift in the stack, with nothing to resolve", async () => {
    const preview = JSON.parse(refreshPreviewJson()) as { steps: { op: string }[] };
    const inSync = JSON.stringify({ steps: preview.steps.filter((step) => step.op === "refresh") });
    const report = {
      ...reviewSources([await stepsOf("refresh.json", inSync)], []),
      run: { url: undefined, at: "2026-01-31T05:17:42.000Z" },
    };
    expect(renderMarkdown(report)).toMatchInlineSnapshot(`
     "## No drift in stack dev

     0 changed · 0 deleted · 0 ignored changes · 16 unchanged. Reviewed 2026-01-31 05:17 UTC.

     ### Stack dev, from refresh.json (preview JSON, refresh)

     No changes.
     "
    `);
    expect(renderText(report)).toMatchInlineSnapshot(`
     "No drift in stack dev: 0 changed · 0 deleted · 0 ignored changes · 16 unchanged
     Reviewed 2026-01-31 05:17 UTC.

     Stack dev, from refresh.json (preview JSON, refresh)
     "
    `);
  });

  it("says a preview is not a refresh", async () => {
    const preview = await stepsOf(
      "update.json",
      readFixture("preview/s3-lambda.update.preview.json"),
    );
    expect(renderMarkdown(reviewSources([preview], []))).toMatchInlineSnapshot(`
     "## Drift in stack dev

     1 changed · 0 deleted · 0 ignored changes · 15 unchanged

     ### Stack dev, from update.json (preview JSON, not a refresh)

     > [!NOTE]
     > Not a refresh (no \`refresh\` steps): these are the changes of an update, code changes as well as drift. For drift alone, run \`pulumi refresh --preview-only --json\`.

     | resource | change | property | before | after |
     | --- | --- | --- | --- | --- |
     | \`docsHandler\` (\`aws:lambda/function:Function\`, id \`docsHandler-c29f9fc\`) | update | \`code\` (update) | \`"archive sha256:4fababcf7ea9c00e4bd4263bf3ac3d1fece41b318a892f4a4b864bc3fd65c84d"\` | \`"archive sha256:3886dc7db621541977d614ac33c9ba8f079dcd8f98e58459e646d4197569d9a1"\` |
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
     "Drift in stack test: 0 changed · 2 deleted · 1 ignored change · 4 unchanged

     Stack test, from refresh-drift.preview.jsonl (engine event log, refresh)
       deleted out of band: resC (pkgA:m:typA, id 3)
       deleted out of band: resC (pkgA:m:typA, id 5)
       ignored 1 change: set by the provider on read

     To resolve drift in test, for each change:
       keep it:   pulumi refresh --stack test (then change the code to match, or the next pulumi up undoes it)
       revert it: pulumi up --refresh --stack test (a plain pulumi up compares the code with the state, which still holds the old values, and changes nothing)
     "
    `);
  });
});
