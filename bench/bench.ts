import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Bench } from "tinybench";
import { checkParity } from "../parity/check/check-parity";
import { planRatio } from "./plan-ratio";
import { benchDiffMemory } from "./diff-memory";
import { syntheticExport } from "./synthetic-export";

const PROJECT_DIR = path.resolve(__dirname, "..");
const BIN = path.join(PROJECT_DIR, "parity/cli/bin.js");
/** Size of each synthetic export. */
const RESOURCES = 10_000;
/** Targets on a 2-core machine, in milliseconds. */
const TARGET = { plan: 2000, diff: 1000 } as const;

function exportFile(dir: string, stack: string, account: string): string {
  const file = path.join(dir, `${stack}.export.json`);
  writeFileSync(
    file,
    JSON.stringify(syntheticExport({ stack, account, region: "eu-west-1" }, RESOURCES)),
  );
  return file;
}

/**
 * `npm run bench`: the median wall time of `parity plan` (the whole command, process start
 * included) and of `parity diff` of two synthetic 10,000-resource exports (read, normalise,
 * compare), next to their targets.
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "parity-bench-"));
  const a = exportFile(dir, "staging-bench", "111111111111");
  const b = exportFile(dir, "prod-bench", "222222222222");

  const bench = new Bench({ iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 });
  bench.add("parity plan", () => {
    const run = spawnSync(process.execPath, [BIN, "plan"], { cwd: PROJECT_DIR, stdio: "ignore" });
    if (run.status !== 0) throw new Error(`parity plan exited ${String(run.status)}`);
  });
  bench.add(`parity diff, 2 × ${RESOURCES.toLocaleString("en")} resources`, async () => {
    const report = await checkParity({ projectDir: PROJECT_DIR, pairs: [[a, b]] });
    if (report.verdict !== "pass")
      throw new Error(`${report.findings.length} findings in the diff`);
  });
  await bench.run();

  const targets = [TARGET.plan, TARGET.diff];
  bench.tasks.forEach((task, i) => {
    const result = task.result;
    if (result.state !== "completed") {
      throw new Error(
        `${task.name}: ${result.state === "errored" ? result.error.message : result.state}`,
      );
    }
    const median = result.latency.p50;
    const target = targets[i] ?? Infinity;
    const verdict = median <= target ? "within" : "OVER";
    process.stdout.write(
      `${task.name}: median ${median.toFixed(0)} ms over ${result.latency.samplesCount} runs (${verdict} target ${target} ms)\n`,
    );
  });
  process.stdout.write(await planRatio());
  benchDiffMemory();
}

void main();
