import { transformSync } from "@swc/core";
import { readFileSync } from "node:fs";
import { SourceMap, type SourceMapPayload } from "node:module";
import swcOptions from "../cli/swc-options";

/**
 * The line in the TypeScript source of a frame in the JavaScript Node ran: the file transpiled
 * again, as parity/cli/register.js did, this time with its source map. V8 counts a statement's
 * column from its start, where the map may have no entry: the first entry at or after it counts.
 */
export function sourceLine(file: string, line: number, column: number): number {
  if (!file.endsWith(".ts")) return line;
  const { code, map } = transformSync(readFileSync(file, "utf8"), {
    ...swcOptions,
    filename: file,
    swcrc: false,
    configFile: false,
    sourceMaps: true,
  });
  if (map === undefined) return line;
  const sourceMap = new SourceMap(JSON.parse(map) as SourceMapPayload);
  const width = code.split("\n")[line - 1]?.length ?? 0;
  for (let at = column - 1; at <= width; at++) {
    const entry = sourceMap.findEntry(line - 1, at);
    if ("originalLine" in entry && entry.generatedLine === line - 1) return entry.originalLine + 1;
  }
  return line;
}
