import { spawnSync } from "node:child_process";
import path from "node:path";
import { PROJECT_DIR } from "./temp-project";

const BIN = path.join(PROJECT_DIR, "parity/cli/bin.js");

/** Runs the `parity` bin's `plan` in `dir` (a project copy) with `args`, as a user would. */
export function runPlan(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, "plan", ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 120_000,
  });
}
