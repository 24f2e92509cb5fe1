import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PULUMI_FIXTURES } from "../helpers/pulumi-fixtures";

export const FIXTURES = PULUMI_FIXTURES;

export const EXPORT = path.join(FIXTURES, "stack-export/s3-lambda.export.json");
export const UPDATE_PREVIEW = path.join(FIXTURES, "preview/s3-lambda.update.preview.json");
export const CREATES_PREVIEW = path.join(FIXTURES, "preview/s3-lambda.creates.preview.json");
export const CHECKPOINT = path.join(FIXTURES, "checkpoint/countdown.checkpoint-v3.json");
export const EKS_UP = path.join(FIXTURES, "event-log/eks-up.jsonl");
export const EKS_CREATE = path.join(FIXTURES, "event-log/eks-create.jsonl");
export const REFRESH_LOG = path.join(FIXTURES, "event-log/refresh-drift.preview.jsonl");

/** A fixture parsed as JSON, to derive a variant from. */
export function fixtureJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}

/** Writes `content` (JSON unless a string) to a fresh temp file and returns its path. */
export function tempFile(name: string, content: unknown): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "parity-")), name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}
