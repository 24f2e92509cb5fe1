import path from "node:path";
import ts from "typescript";

/** The project's own files that `file` imports, exports from, requires or imports lazily. */
function importsOf(file: string, options: ts.CompilerOptions, root: string): string[] {
  const text = ts.sys.readFile(file) ?? "";
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map(({ fileName }) => ts.resolveModuleName(fileName, file, options, ts.sys))
    .flatMap(({ resolvedModule }) =>
      resolvedModule === undefined || resolvedModule.isExternalLibraryImport === true
        ? []
        : [path.resolve(resolvedModule.resolvedFileName)],
    )
    .filter((target) => !path.relative(root, target).startsWith(".."));
}

/**
 * Every import cycle among the files of the tsconfig.json in `root` (type-only imports count):
 * each strongly connected group of two or more files, or a file importing itself, as paths
 * relative to `root`, sorted.
 */
export function importCycles(root: string): string[][] {
  const configFile = path.join(root, "tsconfig.json");
  const { config } = ts.readConfigFile(configFile, (file) => ts.sys.readFile(file)) as {
    config: unknown;
  };
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
  const files = parsed.fileNames
    .filter((file) => /\.[cm]?[jt]s$/.test(file))
    .map((file) => path.resolve(file));
  const edges = new Map(files.map((file) => [file, importsOf(file, parsed.options, root)]));
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file) ?? 0);
    stack.push(file);
    for (const target of edges.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (stack.includes(target)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group = stack.splice(stack.indexOf(file));
    if (group.length > 1 || (edges.get(file) ?? []).includes(file)) {
      cycles.push(group.map((member) => path.relative(root, member)).sort());
    }
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return cycles;
}
