import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { syntheticExport } from "./synthetic-export";

const PROJECT_DIR = path.resolve(__dirname, "..");
const BIN = path.join(PROJECT_DIR, "parity/cli/bin.js");
const PRELOAD = path.join(__dirname, "peak-rss.js");
/** Size of each synthetic export: a large organisation's biggest stack, with room to spare. */
const RESOURCES = 100_000;
/** Peak resident memory allowed for `parity diff` of two such exports: a 2 GiB CI runner's worth. */
const LIMIT_MIB = 2048;

/**
 * Runs `parity diff` of two synthetic 100,000-resource exports as a child process (the whole
 * command: reading, validating, normalising, comparing, rendering) and returns its peak RSS.
 */
function peakRssMib(a: string, b: string): number {
  const run = spawnSync(process.execPath, ["-r", PRELOAD, BIN, "diff", a, b], {
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

/** Prints the peak RSS of `parity diff` of two 100,000-resource exports next to its limit. */
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
    const peak = peakRssMib(a ?? "", b ?? "");
    const verdict = peak <= LIMIT_MIB ? "within" : "OVER";
    process.stdout.write(
      `parity diff, 2 × ${RESOURCES.toLocaleString("en")} resources: peak RSS ${peak.toFixed(0)} MiB (${verdict} limit ${LIMIT_MIB} MiB)\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
