import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { UserError } from "../components/errors";

/** A config value as written in a YAML file: a scalar, a `{secure: …}` ciphertext, or structured. */
export type FileValue = string | number | boolean | { secure: string } | object | null;

/** Where something is written in a file, counted from 1 as editors do. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Where each key of a file's `config:` map is written, keyed as written. */
export type KeyPositions = ReadonlyMap<string, Position>;

/** The parts of Pulumi.yaml the environment model reads. */
export interface ProjectFile {
  readonly file: string;
  readonly positions: KeyPositions;
  readonly name: string;
  /** The program's entry (`main:`), relative to the project directory; unset means the directory itself. */
  readonly main: string | undefined;
  /** Project-level `config:` entries, keyed as written (bare keys belong to the project). */
  readonly config: Readonly<Record<string, unknown>>;
}

/** One `Pulumi.<stack>.yaml`: its `config:` map, keyed as written. */
export interface StackFile {
  readonly file: string;
  readonly positions: KeyPositions;
  readonly config: Readonly<Record<string, FileValue>>;
}

const STACK_FILE = /^Pulumi\.(.+)\.yaml$/;

interface ParsedYaml {
  readonly value: unknown;
  readonly positions: KeyPositions;
}

/**
 * Documents parsed so far, by their text: a command reads the same Pulumi.yaml and stack files
 * for every stack it evaluates, and the program reads them again. Callers get their own copy.
 */
const parsed = new Map<string, ParsedYaml>();

/** Where each key of the top-level `config:` map starts. */
function configKeyPositions(doc: Document, lines: LineCounter): Map<string, Position> {
  const positions = new Map<string, Position>();
  const config = isMap(doc.contents) ? doc.contents.get("config", true) : undefined;
  if (!isMap(config)) return positions;
  for (const { key } of config.items) {
    if (!isScalar(key) || key.range === undefined || key.range === null) continue;
    const { line, col } = lines.linePos(key.range[0]);
    positions.set(String(key.value), { line, column: col });
  }
  return positions;
}

/**
 * Parses `text`; every syntax mistake is refused at once, one line each naming the file, its line
 * and column, and what is wrong.
 */
function parseYaml(file: string, text: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new UserError(
      doc.errors
        .map((error) => {
          const { line, col } = lines.linePos(error.pos[0]);
          return `${file}:${line}:${col}: is not valid YAML: ${error.message.replace(/[.:]$/, "")}. Fix that line.`;
        })
        .join("\n"),
    );
  }
  return { value: doc.toJS() as unknown, positions: configKeyPositions(doc, lines) };
}

function readYaml(file: string): ParsedYaml {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UserError(`${file}: cannot be read (${(error as Error).message}).`);
  }
  let result = parsed.get(text);
  if (result === undefined) {
    result = parseYaml(file, text);
    parsed.set(text, result);
  }
  return { value: structuredClone(result.value), positions: result.positions };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function configSection(doc: unknown, file: string): Record<string, FileValue> {
  if (doc === null || doc === undefined) return {};
  if (!isRecord(doc)) {
    throw new UserError(`${file}: expected a YAML mapping at the top level.`);
  }
  const config = doc.config ?? {};
  if (!isRecord(config)) {
    throw new UserError(`${file}: \`config:\` must be a mapping of key: value.`);
  }
  return config as Record<string, FileValue>;
}

export function readProjectFile(projectDir: string): ProjectFile {
  const file = path.join(projectDir, "Pulumi.yaml");
  if (!existsSync(file)) {
    throw new UserError(`${file}: not found. Run parity-stack from the project root.`);
  }
  const { value: doc, positions } = readYaml(file);
  const name = isRecord(doc) ? doc.name : undefined;
  if (typeof name !== "string" || name === "") {
    throw new UserError(`${file}: \`name:\` must name the Pulumi project.`);
  }
  const main = isRecord(doc) ? doc.main : undefined;
  if (main !== undefined && (typeof main !== "string" || main === "")) {
    throw new UserError(`${file}: \`main:\` must be a path relative to Pulumi.yaml.`);
  }
  return { file, positions, name, main, config: configSection(doc, file) };
}

/**
 * The value Pulumi gives a project-level key of Pulumi.yaml when no stack file sets it: its
 * `value`, else its `default` (undefined when it has neither).
 */
export function projectConfigValue(project: ProjectFile, key: string): FileValue | undefined {
  const entry = (project.config[key] ?? {}) as { default?: FileValue; value?: FileValue };
  return entry.value ?? entry.default;
}

/**
 * Where `key` (a full key such as `parity-stack:taskCpu`) is written in `file`, bare or in full;
 * undefined when the file does not set it.
 */
export function keyPosition(
  file: { readonly positions: KeyPositions },
  project: string,
  key: string,
): Position | undefined {
  const bare = key.startsWith(`${project}:`) ? key.slice(project.length + 1) : undefined;
  return file.positions.get(key) ?? (bare === undefined ? undefined : file.positions.get(bare));
}

export function stackFilePath(projectDir: string, stack: string): string {
  return path.join(projectDir, `Pulumi.${stack}.yaml`);
}

/** Reads `Pulumi.<stack>.yaml`, or returns undefined when the stack has no file. */
export function readStackFile(projectDir: string, stack: string): StackFile | undefined {
  const file = stackFilePath(projectDir, stack);
  if (!existsSync(file)) return undefined;
  const { value, positions } = readYaml(file);
  return { file, positions, config: configSection(value, file) };
}

/** The stacks that have a committed `Pulumi.<stack>.yaml`, sorted by name. */
export function committedStacks(projectDir: string): string[] {
  return readdirSync(projectDir)
    .map((entry) => STACK_FILE.exec(entry)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}
