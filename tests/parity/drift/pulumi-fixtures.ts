import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { StepSource } from "../../../parity/drift/step";
import { readSteps } from "../../../parity/drift/steps";
import { PULUMI_FIXTURES } from "../../helpers/pulumi-fixtures";

export function fixturePath(relative: string): string {
  return path.join(PULUMI_FIXTURES, relative);
}

export function readFixture(relative: string): string {
  return readFileSync(fixturePath(relative), "utf8");
}

/**
 * The steps `text` holds, read from a temp file named `name`; the source is labelled `name`, so
 * reports do not show the temp directory.
 */
export async function stepsOf(name: string, text: string): Promise<StepSource> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "parity-steps-")), name);
  writeFileSync(file, text);
  return { ...(await readSteps(file)), file: name };
}

interface PreviewStep {
  op: string;
  urn: string;
  oldState?: { id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  newState?: { id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  detailedDiff?: Record<string, { kind: string; inputDiff: boolean }> | null;
  diffReasons?: string[];
}

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

/**
 * `pulumi refresh --preview-only --json` output. No real public sample exists, so this builds one
 * from the real update preview's shape: every resource gets a `refresh` step; then the `docs`
 * bucket has a tag added and its policy secret changed in the console (an `update` step with the
 * preview JSON's `detailedDiff{path:{kind, inputDiff}}`), and one role policy attachment was
 * detached out of band (a `delete` step).
 */
export function refreshPreviewJson(): string {
  const preview = JSON.parse(readFixture("preview/s3-lambda.update.preview.json")) as {
    steps: PreviewStep[];
    changeSummary: Record<string, number>;
  };
  const refreshSteps = preview.steps.map((step) => ({ ...step, op: "refresh" }));
  const bucket = preview.steps.find((step) => step.urn.endsWith("aws:s3/bucket:Bucket::docs"));
  const attachment = preview.steps.find((step) => step.urn.endsWith("docsHandler-74d12784"));
  if (bucket?.oldState === undefined || attachment === undefined) {
    throw new Error("the update preview fixture no longer has the docs bucket and its attachment");
  }
  const oldState = {
    ...bucket.oldState,
    inputs: { ...bucket.oldState.inputs, policy: { ...SECRET, plaintext: '"{}"' } },
  };
  const inCloud = {
    ...oldState,
    inputs: {
      ...oldState.inputs,
      tags: { Owner: "console-user" },
      policy: { ...SECRET, plaintext: '"{\\"Statement\\":[]}"' },
    },
  };
  const drifted = {
    op: "update",
    urn: bucket.urn,
    oldState,
    newState: inCloud,
    diffReasons: ["tags", "policy"],
    detailedDiff: {
      "tags.Owner": { kind: "add", inputDiff: true },
      policy: { kind: "update", inputDiff: true },
    },
  };
  const deleted = { op: "delete", urn: attachment.urn, oldState: attachment.oldState };
  return JSON.stringify({
    config: {},
    steps: [...refreshSteps, drifted, deleted],
    changeSummary: { delete: 1, same: 14, update: 1 },
  });
}
