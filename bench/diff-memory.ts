import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { syntheticExport } from "./synthetic-export";

const PROJECT_DIR = path.resolve(__dirname, "..");
const BIN = path.join(PROJECT_DIR, "parity/cli/bin.js");
const PRELOAD = path.join(__dirname, "peak-rss.js");
/** Size of each synthetic export: a large organisation's biggest stack, with room to spare. */
const RESOURCES = 100_000;
/**
 * Peak resident memory allowed for `parity diff` of two such exports, with or without its JSON
 * and markdown outputs: half of a 2 GiB CI runner, the rest left to the job around it.
 */
const LIMIT_MIB = 1024;

/**
 * Runs `parity diff` of two synthetic 100,000-resource exports with `outputs` as a child process
 * (the whole command: reading, validating, normalising, comparing, rendering, writing) and
 * returns its peak RSS.
 */
function peakRssMib(a: string, b: string, outputs: readonly string[]): number {
  const run = spawnSync(process.execPath, ["-r", PRELOAD, BIN, "diff", a, b, ...outputs], {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
  });
  if (run.status !== 0) {
    throw new Error(`parity diff exited ${String(run.status)}: ${run.stderr.trim()}`);
  }
  const kib = /^peak-rss-kib (\d+)$/m.exec(run.stderr)?.[1];
  if (kib === undefined) throw new Error(`the child did not report its peak RSS: ${run.stderr}`);
  return Number(kib) / 1024;
}

/**
 * Prints the peak RSS of `parity diff` of two 100,000-resource exports next to its limit, without
 * outputs and with `--json` and `--markdown` files.
 */
export function benchDiffMemory(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), "parity-bench-memory-"));
  try {
    const [a, b] = [
      { stack: "staging-bench", account: "111111111111" },
      { stack: "prod-bench", account: "222222222222" },
    ].map(({ stack, account }) => {
      const file = path.join(dir, `${stack}.export.json`);
      writeFileSync(
        file,
        JSON.stringify(syntheticExport({ stack, account, region: "eu-west-1" }, RESOURCES)),
      );
      return file;
    });
    const json = path.join(dir, "report.json");
    const markdown = path.join(dir, "report.md");
    for (const outputs of [[], ["--json", json, "--markdown", markdown]]) {
      const peak = peakRssMib(a ?? "", b ?? "", outputs);
      const verdict = peak <= LIMIT_MIB ? "within" : "OVER";
      const written =
        outputs.length === 0
          ? ""
          : ` --json (${(statSync(json).size / 1024 ** 2).toFixed(1)} MiB) --markdown (${(statSync(markdown).size / 1024).toFixed(1)} KiB)`;
      process.stdout.write(
        `parity diff${written}, 2 × ${RESOURCES.toLocaleString("en")} resources: peak RSS ${peak.toFixed(0)} MiB (${verdict} limit ${LIMIT_MIB} MiB)\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
