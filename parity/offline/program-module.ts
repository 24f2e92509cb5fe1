import { Module, type createRequire } from "node:module";
import { realpathSync } from "node:fs";
import path from "node:path";
import { UserError } from "../../components/errors";
import { readProjectFile } from "../../stacks/project-files";

type PulumiSdk = typeof import("@pulumi/pulumi");
type NodeRequire = ReturnType<typeof createRequire>;

/** Registers TypeScript for Node's own loader, as Pulumi's nodejs language host does. */
const TYPESCRIPT_HOOK = path.join(__dirname, "..", "cli", "register.js");

/** The Pulumi program of a project: Pulumi.yaml's `main`, loaded the way `pulumi up` loads it. */
export interface ProgramModule {
  /** The main module's file. */
  readonly file: string;
  /** The `@pulumi/pulumi` the program itself resolves: mocks and config must be set on this one. */
  readonly pulumi: PulumiSdk;
  /**
   * Runs the program once: requires the main module afresh and returns what it exported, calling
   * it first when it exported a function (as Pulumi does).
   */
  run(): unknown;
  /**
   * `value` (plain data) as the program's realm builds it. Pulumi tells arrays by `instanceof`, so
   * mock answers made in a test sandbox are copied into the realm Node loaded the program in.
   */
  readonly adopt: <T>(value: T) => T;
  /** The `Error` of the realm the program runs in (a test sandbox has its own). */
  readonly realmError: ErrorConstructor;
}

/**
 * Project folders of shared libraries: their modules are loaded once and serve every stack's run,
 * as node_modules do. A component keeps no state between calls (ESLint refuses module-level
 * mutable state under components/, and a test proves a stack evaluates the same after another),
 * so sharing it changes nothing a stack registers; and a dynamic resource's provider object stays
 * one object, which Pulumi serializes once per process instead of once per stack.
 */
export const SHARED_LIBRARY_DIRS = ["components"] as const;

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/**
 * Node's own `require` for `file`. It is reached through a module Node itself created, so the
 * program is loaded by Node's loader (whose cache can be cleared) even when this code runs inside
 * a test runner's module sandbox, whose `require` keeps every module it once loaded.
 */
export function nodeRequire(file: string): NodeRequire {
  const host = new Module(file);
  const nodeModule = host.require("node:module") as { createRequire: typeof createRequire };
  return nodeModule.createRequire(file);
}

/**
 * Loads the project's Pulumi program as `pulumi up` would: the `main` of Pulumi.yaml (a file or a
 * directory, relative to the project), with TypeScript registered. After each
 * {@link ProgramModule.run} the project files it loaded leave the module cache again, so
 * module-level code (reading config, creating resources) runs afresh for each stack; node_modules,
 * the {@link SHARED_LIBRARY_DIRS} and modules the checker had loaded before stay one instance.
 */
export function loadProgramModule(projectDir: string): ProgramModule {
  const project = readProjectFile(projectDir);
  const root = realpathSync(projectDir);
  const main = path.resolve(root, project.main ?? ".");
  const require = nodeRequire(path.join(root, "Pulumi.yaml"));
  require(TYPESCRIPT_HOOK);
  let file: string;
  try {
    file = require.resolve(main);
  } catch {
    throw new UserError(
      `${project.file}: main: ${path.relative(root, main) || "."} does not exist. Allowed: the program's entry file or directory, relative to Pulumi.yaml. Fix: correct \`main:\` in Pulumi.yaml.`,
    );
  }
  const pulumi = require("@pulumi/pulumi") as PulumiSdk;
  const { runInThisContext } = require("node:vm") as typeof import("node:vm");
  const realmJson = runInThisContext("JSON") as JSON;
  const libraries = SHARED_LIBRARY_DIRS.map((dir) => path.join(root, dir));
  const perStack = (key: string) =>
    isInside(root, key) &&
    !key.split(path.sep).includes("node_modules") &&
    !libraries.some((library) => isInside(library, key));
  return {
    file,
    pulumi,
    realmError: runInThisContext("Error") as ErrorConstructor,
    adopt: (value) =>
      realmJson === JSON ? value : (realmJson.parse(JSON.stringify(value)) as typeof value),
    run() {
      const before = new Set(Object.keys(require.cache));
      try {
        const exported = require(file) as unknown;
        return typeof exported === "function" ? (exported as () => unknown)() : exported;
      } finally {
        for (const key of Object.keys(require.cache)) {
          if (!before.has(key) && perStack(key)) Reflect.deleteProperty(require.cache, key);
        }
      }
    },
  };
}
