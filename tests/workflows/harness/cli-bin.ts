import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The stub CLIs a whole run puts first on PATH (tests/workflows/harness/cli/<name>.js). */
const STUBS = ["pulumi", "gh", "aws", "npx", "npm", "curl", "sleep", "docker"] as const;

/** One invocation of a stub CLI, and the names of the secrets its environment held. */
export interface CliCall {
  readonly command: string;
  readonly args: readonly string[];
  readonly secrets: readonly string[];
}

/** Writes the stub executables into `dir` (a directory of its own, put first on PATH). */
export function writeCliBin(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of STUBS) {
    const file = path.join(dir, name);
    const script = path.join(__dirname, "cli", `${name}.js`);
    writeFileSync(file, `#!/usr/bin/env bash\nexec node ${JSON.stringify(script)} "$@"\n`);
    chmodSync(file, 0o755);
  }
}

/** The calls logged to `log` from line `from` on. */
export function readCliCalls(log: string, from = 0): CliCall[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .slice(from)
    .map((line) => JSON.parse(line) as CliCall);
}
