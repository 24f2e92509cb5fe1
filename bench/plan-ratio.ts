import { spawnSync } from "node:child_process";
import path from "node:path";
import { Bench } from "tinybench";

const PROJECT_DIR = path.resolve(__dirname, "..");
const BIN = path.join(PROJECT_DIR, "parity/cli/bin.js");
/**
 * The most `parity plan` may take, as a multiple of loading `@pulumi/pulumi` alone: the plan
 * loads the SDK too and evaluates every stack, plus one re-evaluation per compared pair.
 */
export const MAX_PLAN_RATIO = 4;

function run(args: readonly string[], what: string): void {
  const result = spawnSync(process.execPath, args, { cwd: PROJECT_DIR, stdio: "ignore" });
  if (result.status !== 0) throw new Error(`${what} exited ${String(result.status)}`);
}

/**
 * The median wall time of `parity plan` next to that of `node -e 'require("@pulumi/pulumi")'`,
 * measured in the same run (interleaved, so both see the same load on the machine), and their
 * ratio against {@link MAX_PLAN_RATIO}.
 */
export async function planRatio(): Promise<string> {
  const bench = new Bench({ iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 });
  bench.add("node -e 'require(\"@pulumi/pulumi\")'", () => {
    run(["-e", 'require("@pulumi/pulumi")'], "loading @pulumi/pulumi");
  });
  bench.add("parity plan", () => {
    run([BIN, "plan"], "parity plan");
  });
  await bench.run();
  const [sdk, plan] = bench.tasks.map((task) => {
    if (task.result.state !== "completed") throw new Error(`${task.name}: ${task.result.state}`);
    return task.result.latency.p50;
  });
  if (sdk === undefined || plan === undefined) throw new Error("a measurement is missing");
  const ratio = plan / sdk;
  const verdict = ratio <= MAX_PLAN_RATIO ? "within" : "OVER";
  return `parity plan ${plan.toFixed(0)} ms / require("@pulumi/pulumi") ${sdk.toFixed(0)} ms = ${ratio.toFixed(1)}× (${verdict} ${MAX_PLAN_RATIO}×)\n`;
}
