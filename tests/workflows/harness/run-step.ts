import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runScript, type ScriptResult } from "./bash";
import { ROOT, type RunStep } from "./steps";
import { readCalls, writeStubs, type StubCall } from "./stubs";

export interface RunOptions {
  /**
   * Values of the `${{ … }}` expressions in the step's env, by expression text (`matrix.stack`,
   * `secrets.AWS_ROLE_ARN`, `steps.plan.outputs.id`). An expression the test does not answer fails
   * the run, so no value is silently empty.
   */
  readonly expressions?: Readonly<Record<string, string>>;
  /** Extra environment (GitHub's own variables such as GITHUB_EVENT_NAME, or overrides). */
  readonly env?: Readonly<Record<string, string>>;
  /** Stub commands put first on PATH: name → bash body (arguments in `$@`). */
  readonly stubs?: Readonly<Record<string, string>>;
  /** RUNNER_TEMP; a new temp directory when not given. */
  readonly runnerTemp?: string;
  /** Working directory (GITHUB_WORKSPACE); the repository root when not given. */
  readonly workspace?: string;
  readonly stdin?: string;
  /** Kill the step after this long (a hang is a failure, not a stuck test run). */
  readonly timeoutMs?: number;
}

export interface StepResult extends ScriptResult {
  /** Every stub invocation, in order. */
  readonly calls: readonly StubCall[];
  readonly runnerTemp: string;
}

const executed = new Set<string>();

/** Records that the step with this key ran (whole-run tests run steps without runStep). */
export function markExecuted(key: string): void {
  executed.add(key);
}

/** Keys of the run steps of `file` this test file has not executed yet. */
export function unexecutedSteps(steps: readonly RunStep[]): string[] {
  return steps.filter((step) => !executed.has(step.key)).map((step) => step.key);
}

const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/g;

function resolveEnv(
  step: RunStep,
  expressions: Readonly<Record<string, string>>,
): Record<string, string> {
  const missing = new Set<string>();
  const env = Object.fromEntries(
    Object.entries(step.env).map(([name, value]) => [
      name,
      value.replace(EXPRESSION, (_m, expr: string) => {
        const answer = expressions[expr];
        if (answer === undefined) missing.add(expr);
        return answer ?? "";
      }),
    ]),
  );
  if (missing.size > 0) {
    throw new Error(`${step.key}: no value given for ${[...missing].join(", ")}`);
  }
  return env;
}

/**
 * Runs one `run:` step the way a GitHub-hosted runner does: the script in a file under
 * RUNNER_TEMP, `bash --noprofile --norc -eo pipefail`, GITHUB_OUTPUT/GITHUB_ENV/
 * GITHUB_STEP_SUMMARY files, the step's env with its expressions answered, and the test's stub
 * CLIs first on PATH (the machine's own tools — jq, node, coreutils — after them).
 */
export function runStep(step: RunStep, options: RunOptions = {}): StepResult {
  if (step.shell !== "bash") throw new Error(`${step.key}: unsupported shell ${step.shell}`);
  const stepEnv = resolveEnv(step, options.expressions ?? {});
  const runnerTemp = options.runnerTemp ?? mkdtempSync(path.join(tmpdir(), "runner-temp-"));
  const work = mkdtempSync(path.join(tmpdir(), "runner-stubs-"));
  const bin = path.join(work, "bin");
  mkdirSync(bin);
  const log = path.join(work, "calls.log");
  writeStubs(bin, log, options.stubs ?? {});
  const workspace = options.workspace ?? ROOT;
  const run = runScript(step.script, {
    cwd: workspace,
    path: [bin],
    runnerTemp,
    env: { GITHUB_WORKSPACE: workspace, ...stepEnv, ...options.env },
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  markExecuted(step.key);
  return { ...run, calls: readCalls(log), runnerTemp };
}
