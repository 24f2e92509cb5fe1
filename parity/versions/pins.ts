import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { CalendarName } from "./calendar";

/** A version the project pins, and where. */
export interface Pin {
  readonly calendar: CalendarName;
  readonly version: string;
  /** The file (and line) that sets it, relative to the project: what to edit. */
  readonly where: string;
  /** What in that file sets it: a config key, a build argument, a workflow input. */
  readonly setting: string;
}

/** A Node.js image reference in a Dockerfile line: `node:24-bookworm-slim@sha256:…` → 24. */
const NODE_IMAGE = /(?:^|[\s=/])node:(\d+)(?=[.\-@:\s]|$)/;
/** `node-version: 24` (or quoted) in a workflow or action: the setup-node input. */
const NODE_VERSION_INPUT = /^\s*node-version:\s*["']?(\d+)(?:[.x\d]*)["']?\s*(?:#.*)?$/;

function linePins(projectDir: string, file: string, pattern: RegExp, setting: string): Pin[] {
  const text = readFileSync(path.join(projectDir, file), "utf8");
  return text.split("\n").flatMap((line, index) => {
    if (line.trimStart().startsWith("#")) return [];
    const version = pattern.exec(line)?.[1];
    return version === undefined
      ? []
      : [{ calendar: "nodejs" as const, version, where: `${file}:${index + 1}`, setting }];
  });
}

/** The Node.js line each build context's Dockerfile runs. */
export function dockerfilePins(projectDir: string, buildContexts: readonly string[]): Pin[] {
  return [...new Set(buildContexts)].flatMap((context) => {
    const file = path.join(context, "Dockerfile");
    return existsSync(path.join(projectDir, file))
      ? linePins(projectDir, file, NODE_IMAGE, "the base image")
      : [];
  });
}

function yamlFiles(projectDir: string, dir: string): string[] {
  const full = path.join(projectDir, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => path.join(dir, file))
    .sort();
}

/** The Node.js line every workflow and composite action sets up (`node-version:`). */
export function workflowPins(projectDir: string): Pin[] {
  return [
    ...yamlFiles(projectDir, ".github/workflows"),
    ...yamlFiles(projectDir, ".github/actions"),
  ].flatMap((file) => linePins(projectDir, file, NODE_VERSION_INPUT, "node-version"));
}
