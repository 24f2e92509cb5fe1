import path from "node:path";
import { ConfigError, didYouMean } from "./config-error";
import { ConfigProblems as Problems } from "./config-problems";
import { checkCrossKeyRules } from "./cross-key-rules";
import { KEY_NAMES, declarationOf, isKeyName, type KeyName, type StackValues } from "./keys";
import type { KeyDeclaration } from "./key-types";
import { derivePullRequestValues, PR_STACK_KEYS } from "./pr-stack";
import {
  committedStacks,
  readProjectFile,
  readStackFile,
  stackFilePath,
  type FileValue,
  type ProjectFile,
  type StackFile,
} from "./project-files";
import { PR_BASE_STACK, pullRequestNumber, type EnvironmentSpec, type ValueSource } from "./spec";
import { checkZoneOwnership } from "./zone-ownership";

export interface LoadOptions {
  /** The directory holding Pulumi.yaml and the stack files. */
  readonly projectDir: string;
  readonly stack: string;
  /** Config as the Pulumi engine hands it to the program (`pulumi.runtime.allConfig()`). */
  readonly config: Readonly<Record<string, string>>;
}

/** Namespaces whose keys belong to the Pulumi engine, not to this program. */
const ENGINE_NAMESPACES = new Set(["pulumi"]);

const PULUMI_YAML_TYPES: Record<KeyDeclaration["type"], string> = {
  string: "string",
  integer: "integer",
  number: "string",
  boolean: "boolean",
};

interface Raw {
  readonly value: string | undefined;
  readonly source: ValueSource;
}

class Keys {
  constructor(readonly project: string) {}

  /** The full config key: bare keys belong to the project namespace. */
  full(key: string): string {
    return key.includes(":") ? key : `${this.project}:${key}`;
  }

  /** The declared key a full or bare config key names, if any. */
  declared(key: string): KeyName | undefined {
    const full = this.full(key);
    const bare = full.startsWith(`${this.project}:`) ? full.slice(this.project.length + 1) : full;
    return isKeyName(bare) ? bare : undefined;
  }

  isEngineKey(key: string): boolean {
    return ENGINE_NAMESPACES.has(this.full(key).split(":")[0] ?? "");
  }

  unknown(key: string, file: string): ConfigError {
    const known = KEY_NAMES.map((name) => this.full(name));
    return new ConfigError(
      file,
      this.full(key),
      `is not a config key of this project${didYouMean(this.full(key), known)}`,
      `the keys declared in stacks/keys.ts`,
      `correct or remove it; a new knob is declared once in stacks/keys.ts`,
    );
  }
}

function fileScalar(value: FileValue): string | undefined {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  return undefined;
}

function isSecure(value: FileValue): boolean {
  return typeof value === "object" && value !== null && "secure" in value;
}

/** Pulumi.yaml's topology defaults; each key it gets wrong goes to `problems`. */
function checkProjectFile(
  project: ProjectFile,
  keys: Keys,
  problems: Problems,
): Map<KeyName, string> {
  const defaults = new Map<KeyName, string>();
  for (const [key, entry] of Object.entries(project.config)) {
    if (keys.isEngineKey(key)) continue;
    const name = keys.declared(key);
    if (name === undefined) {
      problems.add(keys.unknown(key, project.file));
      continue;
    }
    const decl = declarationOf(name);
    if (decl.class !== "topology") {
      problems.add(
        new ConfigError(
          project.file,
          keys.full(key),
          `is a ${decl.class} key and has no project-wide default`,
          "only topology keys in Pulumi.yaml",
          `remove it from Pulumi.yaml and set it in each Pulumi.<stack>.yaml`,
        ),
        name,
      );
      continue;
    }
    const spec = (typeof entry === "object" && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    const expectedType = PULUMI_YAML_TYPES[decl.type];
    const value = fileScalar(spec.default as FileValue);
    if (spec.type !== expectedType || typeof spec.description !== "string" || value === undefined) {
      problems.add(
        new ConfigError(
          project.file,
          keys.full(key),
          "needs `type`, `description` and a `default`",
          `type: ${expectedType}, a description, and a default that is ${decl.allowed}`,
          `write it as { type: ${expectedType}, description: "...", default: <value> }`,
        ),
        name,
      );
      continue;
    }
    defaults.set(name, value);
  }
  return defaults;
}

/** Each key a stack file may not set, or sets in plaintext, goes to `problems`. */
function checkStackFile(
  file: StackFile,
  keys: Keys,
  problems: Problems,
  settable: readonly KeyName[] | undefined,
  baseFile: string | undefined,
): void {
  for (const [key, value] of Object.entries(file.config)) {
    if (keys.isEngineKey(key)) continue;
    const name = keys.declared(key);
    if (name === undefined) {
      problems.add(keys.unknown(key, file.file));
      continue;
    }
    const decl = declarationOf(name);
    const full = keys.full(key);
    if (decl.class === "topology") {
      problems.add(
        new ConfigError(
          file.file,
          full,
          "is a topology key and must be identical in every stack, so a stack file may not set it",
          "set it only in Pulumi.yaml's project config",
          `remove it from ${path.basename(file.file)}; to change it for every stack, change its default in Pulumi.yaml`,
        ),
        name,
      );
    } else if (settable !== undefined && !settable.includes(name)) {
      problems.add(
        new ConfigError(
          file.file,
          full,
          `is taken from ${path.basename(baseFile ?? `Pulumi.${PR_BASE_STACK}.yaml`)}, a pull-request stack may not set it`,
          settable.map((k) => keys.full(k)).join(", "),
          `remove it; change staging's value, or the PR overrides in stacks/pr-stack.ts`,
        ),
        name,
      );
    } else if (decl.secret === true && !isSecure(value)) {
      problems.add(
        new ConfigError(
          file.file,
          full,
          "is a secret but is written in plaintext",
          "an encrypted value",
          `remove the line and run: pulumi config set --secret ${full} <value>`,
        ),
        name,
      );
    }
  }
}

function parseRaw(raw: string, decl: KeyDeclaration): { ok: true; value: unknown } | { ok: false } {
  switch (decl.type) {
    case "integer":
      return /^-?\d+$/.test(raw.trim()) ? { ok: true, value: Number(raw) } : { ok: false };
    case "number": {
      const value = Number(raw);
      return raw.trim() !== "" && Number.isFinite(value) ? { ok: true, value } : { ok: false };
    }
    case "boolean":
      return raw === "true" || raw === "false"
        ? { ok: true, value: raw === "true" }
        : { ok: false };
    case "string":
      return { ok: true, value: raw };
  }
}

/** The value of `name`, or the mistake that makes it unusable. */
function parseValue(
  name: KeyName,
  raw: Raw,
  keys: Keys,
  stack: string,
): { readonly value: unknown } | ConfigError {
  const decl = declarationOf(name);
  const full = keys.full(name);
  const shown = decl.secret === true ? "[secret]" : JSON.stringify(raw.value);
  const fix =
    decl.class === "topology"
      ? `add or correct its entry under config: in Pulumi.yaml`
      : `run: pulumi config set ${decl.secret === true ? "--secret " : ""}${full} <value> -s ${stack}`;
  if (raw.value === undefined) {
    return new ConfigError(raw.source, full, "is required and not set", decl.allowed, fix);
  }
  const parsed = parseRaw(raw.value, decl);
  if (!parsed.ok) {
    return new ConfigError(
      raw.source,
      full,
      `must be ${decl.type === "integer" ? "an integer" : `a ${decl.type}`}, got ${shown}`,
      decl.allowed,
      fix,
    );
  }
  const result = decl.schema.safeParse(parsed.value);
  if (!result.success) {
    return new ConfigError(raw.source, full, `is out of range: got ${shown}`, decl.allowed, fix);
  }
  return { value: result.data };
}

/**
 * Turns one stack's config into its {@link EnvironmentSpec}, refusing — before anything is
 * registered — a stack without a stack file (with the committed stack it likely meant), then
 * every other mistake at once, each at its line and column: unknown keys, topology keys set in a
 * stack file, missing required keys, wrong types, out-of-range values and two committed stacks
 * owning one Cloudflare zone's edge settings; once every key is valid, the rules that span keys.
 * A `pr-<n>` stack is staging's values plus the identity overrides of
 * {@link derivePullRequestValues}.
 */
export function loadSpec(options: LoadOptions): EnvironmentSpec {
  const project = readProjectFile(options.projectDir);
  const keys = new Keys(project.name);
  const prNumber = pullRequestNumber(options.stack);
  const own = readStackFile(options.projectDir, options.stack);
  const base =
    prNumber === undefined ? undefined : readStackFile(options.projectDir, PR_BASE_STACK);
  const ownPath = stackFilePath(options.projectDir, options.stack);
  checkStackFilesExist({ options, prNumber, own, base, ownPath });

  const problems = new Problems();
  for (const error of checkZoneOwnership(options.projectDir, project.name)) problems.add(error);
  const defaults = checkProjectFile(project, keys, problems);
  if (base !== undefined) checkStackFile(base, keys, problems, undefined, undefined);
  if (own !== undefined) {
    const settable = prNumber === undefined ? undefined : PR_STACK_KEYS;
    checkStackFile(own, keys, problems, settable, base?.file);
  }
  const written = (key: string) =>
    [project, own].some((file) =>
      Object.keys(file?.config ?? {}).some((k) => keys.full(k) === key),
    );
  for (const key of Object.keys(options.config)) {
    const known = keys.isEngineKey(key) || keys.declared(key) !== undefined;
    // Keys the files write were checked with their file.
    if (!known && !written(keys.full(key))) problems.add(keys.unknown(key, own?.file ?? ownPath));
  }

  const sources = {} as Record<KeyName, ValueSource>;
  const values = {} as Record<KeyName, unknown>;
  for (const name of KEY_NAMES) {
    const raw = resolveRaw(name, { keys, options, project, defaults, own, base, ownPath });
    sources[name] = raw.source;
    if (problems.has(name)) continue;
    const parsed =
      raw.value === undefined && declarationOf(name).optional === true
        ? { value: undefined }
        : parseValue(name, raw, keys, options.stack);
    if (parsed instanceof ConfigError) problems.add(parsed, name);
    else values[name] = parsed.value;
  }
  const files = [project, base, own];
  problems.throwIfAny(files, project.name);

  let stackValues = values as StackValues;
  if (prNumber !== undefined) {
    const overrides = derivePullRequestValues(stackValues, prNumber, project.name);
    stackValues = { ...stackValues, ...overrides };
    for (const key of Object.keys(overrides) as KeyName[]) {
      sources[key] = `derived for ${options.stack} from ${PR_BASE_STACK}`;
    }
  }
  const ruleContext = {
    file: own?.file ?? base?.file ?? ownPath,
    stack: options.stack,
    fullKey: (key: KeyName) => keys.full(key),
  };
  for (const error of checkCrossKeyRules(stackValues, ruleContext)) problems.add(error);
  problems.throwIfAny(files, project.name);

  return {
    project: project.name,
    stack: options.stack,
    pullRequest:
      prNumber === undefined ? undefined : { number: prNumber, expiresAt: stackValues.expiresAt },
    values: stackValues,
    sources,
  };
}

/** Refuses a stack without a stack file, and a pull-request stack without staging's. */
function checkStackFilesExist(found: {
  readonly options: LoadOptions;
  readonly prNumber: number | undefined;
  readonly own: StackFile | undefined;
  readonly base: StackFile | undefined;
  readonly ownPath: string;
}): void {
  const { options, prNumber, own, base, ownPath } = found;
  if (prNumber === undefined && own === undefined) {
    const stacks = committedStacks(options.projectDir);
    throw new ConfigError(
      ownPath,
      "(stack file)",
      `stack "${options.stack}" has no stack file${didYouMean(options.stack, stacks)}`,
      `a committed stack (${stacks.join(", ") || "none"}) or pr-<number>`,
      `select one of those stacks, or create ${path.basename(ownPath)} with this stack's scale and identity keys`,
    );
  }
  if (prNumber !== undefined && base === undefined) {
    const basePath = stackFilePath(options.projectDir, PR_BASE_STACK);
    throw new ConfigError(
      basePath,
      "(stack file)",
      `pull-request stack "${options.stack}" is derived from ${PR_BASE_STACK}, which has no stack file`,
      `Pulumi.${PR_BASE_STACK}.yaml next to Pulumi.yaml`,
      `commit Pulumi.${PR_BASE_STACK}.yaml`,
    );
  }
}

interface Context {
  readonly keys: Keys;
  readonly options: LoadOptions;
  readonly project: ProjectFile;
  readonly defaults: ReadonlyMap<KeyName, string>;
  readonly own: StackFile | undefined;
  readonly base: StackFile | undefined;
  readonly ownPath: string;
}

function lookup(file: StackFile | undefined, keys: Keys, name: KeyName): FileValue | undefined {
  if (file === undefined) return undefined;
  const entry = Object.entries(file.config).find(([key]) => keys.declared(key) === name);
  return entry?.[1];
}

function resolveRaw(name: KeyName, ctx: Context): Raw {
  const decl = declarationOf(name);
  const runtime = ctx.options.config[ctx.keys.full(name)];
  if (decl.class === "topology") {
    return { value: runtime ?? ctx.defaults.get(name), source: ctx.project.file };
  }
  if (runtime !== undefined) {
    const inOwn = lookup(ctx.own, ctx.keys, name) !== undefined;
    return {
      value: runtime,
      source: inOwn || ctx.own === undefined ? ctx.ownPath : "Pulumi config",
    };
  }
  const inherited = decl.secret === true ? undefined : lookup(ctx.base, ctx.keys, name);
  if (ctx.base !== undefined && inherited !== undefined) {
    return { value: fileScalar(inherited), source: ctx.base.file };
  }
  const fallback: unknown = decl.default;
  if (fallback !== undefined) {
    const value = typeof fallback === "string" ? fallback : JSON.stringify(fallback);
    return { value, source: ctx.own?.file ?? ctx.ownPath };
  }
  return { value: undefined, source: ctx.own?.file ?? ctx.base?.file ?? ctx.ownPath };
}
