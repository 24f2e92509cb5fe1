import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { UserError } from "../components/errors";

/** A config value as written in a YAML file: a scalar, a `{secure: …}` ciphertext, or structured. */
export type FileValue = string | number | boolean | { secure: string } | object | null;

/** The parts of Pulumi.yaml the environment model reads. */
export interface ProjectFile {
  readonly file: string;
  readonly name: string;
  /** The program's entry (`main:`), relative to the project directory; unset means the directory itself. */
  readonly main: string | undefined;
  /** Project-level `config:` entries, keyed as written (bare keys belong to the project). */
  readonly config: Readonly<Record<string, unknown>>;
}

/** One `Pulumi.<stack>.yaml`: its `config:` map, keyed as written. */
export interface StackFile {
  readonly file: string;
  readonly config: Readonly<Record<string, FileValue>>;
}

const STACK_FILE = /^Pulumi\.(.+)\.yaml$/;

/**
 * Documents parsed so far, by their text: a command reads the same Pulumi.yaml and stack files
 * for every stack it evaluates, and the program reads them again. Callers get their own copy.
 */
const parsed = new Map<string, unknown>();

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UserError(`${file}: cannot be read (${(error as Error).message}).`);
  }
  if (!parsed.has(text)) {
    try {
      parsed.set(text, parse(text) as unknown);
    } catch (error) {
      // The parser's first line names the problem and its position; a code frame follows.
      const [first = ""] = (error as Error).message.split("\n");
      throw new UserError(`${file}: is not valid YAML: ${first.replace(/:$/, "")}. Fix that line.`);
    }
  }
  return structuredClone(parsed.get(text));
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
  const doc = readYaml(file);
  const name = isRecord(doc) ? doc.name : undefined;
  if (typeof name !== "string" || name === "") {
    throw new UserError(`${file}: \`name:\` must name the Pulumi project.`);
  }
  const main = isRecord(doc) ? doc.main : undefined;
  if (main !== undefined && (typeof main !== "string" || main === "")) {
    throw new UserError(`${file}: \`main:\` must be a path relative to Pulumi.yaml.`);
  }
  return { file, name, main, config: configSection(doc, file) };
}

/**
 * The value Pulumi gives a project-level key of Pulumi.yaml when no stack file sets it: its
 * `value`, else its `default` (undefined when it has neither).
 */
export function projectConfigValue(project: ProjectFile, key: string): FileValue | undefined {
  const entry = (project.config[key] ?? {}) as { default?: FileValue; value?: FileValue };
  return entry.value ?? entry.default;
}

export function stackFilePath(projectDir: string, stack: string): string {
  return path.join(projectDir, `Pulumi.${stack}.yaml`);
}

/** Reads `Pulumi.<stack>.yaml`, or returns undefined when the stack has no file. */
export function readStackFile(projectDir: string, stack: string): StackFile | undefined {
  const file = stackFilePath(projectDir, stack);
  if (!existsSync(file)) return undefined;
  return { file, config: configSection(readYaml(file), file) };
}

/** The stacks that have a committed `Pulumi.<stack>.yaml`, sorted by name. */
export function committedStacks(projectDir: string): string[] {
  return readdirSync(projectDir)
    .map((entry) => STACK_FILE.exec(entry)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}
