import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const PROJECT_DIR = path.resolve(__dirname, "..");
/** Target for the whole `npm test` (lint, format, types, every test), wall time on a quiet 2-core machine. */
export const TARGET_SECONDS = 60;
const DEFAULT_RUNS = 3;
/** Linux reports CPU times in /proc in USER_HZ, which is 100 on every architecture. */
const CLOCK_TICKS_PER_SECOND = 100;
/** How much of a failed run's output to show. */
const FAILURE_TAIL_CHARS = 8000;

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

/**
 * User plus system CPU seconds of the finished children a process has waited for (and theirs),
 * from the text of `/proc/<pid>/stat`: fields 16 and 17, cutime and cstime, counted after the
 * parenthesised command name, which may itself hold spaces and parentheses.
 */
export function childrenCpuSeconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state), so field n is fields[n - 3].
  const [cutime, cstime] = [fields[13], fields[14]].map(Number);
  if (!Number.isInteger(cutime) || !Number.isInteger(cstime))
    throw new Error(`unexpected /proc stat line: ${stat}`);
  return ((cutime ?? 0) + (cstime ?? 0)) / CLOCK_TICKS_PER_SECOND;
}

/** CPU seconds of this process's finished children so far; undefined where there is no /proc. */
function cpuSoFar(): number | undefined {
  try {
    return childrenCpuSeconds(readFileSync("/proc/self/stat", "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * `npm run bench:test [-- --runs N]`: runs `npm test` N times (3 by default) and prints each run's
 * wall time and CPU time (user + system, all processes; steadier than wall time on a busy
 * machine), then the medians next to the target. Stops with the output of a run that fails.
 */
function main(): void {
  const { values } = parseArgs({ options: { runs: { type: "string" } } });
  const runs = Number(values.runs ?? DEFAULT_RUNS);
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write(`--runs must be a whole number of at least 1 (got ${values.runs}).\n`);
    process.exitCode = 2;
    return;
  }
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const [start, cpuBefore] = [performance.now(), cpuSoFar()];
    const result = spawnSync("npm", ["test"], {
      cwd: PROJECT_DIR,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    const wall = (performance.now() - start) / 1000;
    const cpuAfter = cpuSoFar();
    if (result.error !== undefined || result.status !== 0) {
      const output = `${result.stdout}${result.stderr}`.slice(-FAILURE_TAIL_CHARS);
      process.stderr.write(
        `${output}\nnpm test failed on run ${run}: ${result.error?.message ?? `exit status ${result.status ?? result.signal}`}\n`,
      );
      process.exitCode = 1;
      return;
    }
    walls.push(wall);
    const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : NaN;
    cpus.push(cpu);
    process.stdout.write(
      `run ${run}/${runs}: ${wall.toFixed(1)} s wall, ${Number.isNaN(cpu) ? "?" : cpu.toFixed(1)} s CPU\n`,
    );
  }
  const wall = median(walls);
  const cpu = median(cpus);
  const verdict = wall <= TARGET_SECONDS ? "within" : "OVER";
  process.stdout.write(
    `npm test: median ${wall.toFixed(1)} s over ${runs} run${runs === 1 ? "" : "s"} (${verdict} target ${TARGET_SECONDS} s), median CPU ${Number.isNaN(cpu) ? "?" : cpu.toFixed(1)} s\n`,
  );
}

if (require.main === module) main();
