import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, type RunStep } from "./steps";
import { readCalls, writeStubs, type StubCall } from "./stubs";

/** The flags GitHub runs `shell: bash` steps with. */
export const GITHUB_BASH = ["--noprofile", "--norc", "-eo", "pipefail"] as const;

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

export interface StepResult {
  /** Exit status of the step's shell; null when it was killed. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What the step wrote to GITHUB_OUTPUT. */
  readonly outputs: Readonly<Record<string, string>>;
  /** What the step wrote to GITHUB_ENV. */
  readonly exported: Readonly<Record<string, string>>;
  /** What the step appended to the job summary. */
  readonly summary: string;
  /** Every stub invocation, in order. */
  readonly calls: readonly StubCall[];
  readonly runnerTemp: string;
}

const executed = new Set<string>();

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

/** Parses GITHUB_OUTPUT / GITHUB_ENV: `name=value` lines and `name<<DELIM` … `DELIM` blocks. */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc !== null) {
      const [, name = "", delimiter = ""] = heredoc;
      const end = lines.indexOf(delimiter, i + 1);
      if (end < 0) throw new Error(`unterminated ${name}<<${delimiter} block`);
      out[name] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) {
      const at = line.indexOf("=");
      out[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

function read(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
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
  const work = mkdtempSync(path.join(tmpdir(), "runner-step-"));
  const bin = path.join(work, "bin");
  mkdirSync(bin);
  const log = path.join(work, "calls.log");
  writeStubs(bin, log, options.stubs ?? {});
  const files = {
    GITHUB_OUTPUT: path.join(work, "output"),
    GITHUB_ENV: path.join(work, "env"),
    GITHUB_STEP_SUMMARY: path.join(work, "summary.md"),
    GITHUB_PATH: path.join(work, "path"),
  };
  for (const file of Object.values(files)) writeFileSync(file, "");
  const script = path.join(work, "step.sh");
  writeFileSync(script, step.script);

  const run = spawnSync("bash", [...GITHUB_BASH, script], {
    cwd: options.workspace ?? ROOT,
    encoding: "utf8",
    input: options.stdin ?? "",
    timeout: options.timeoutMs ?? 30_000,
    env: {
      PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      HOME: process.env.HOME ?? work,
      LANG: "C.UTF-8",
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_REPOSITORY: "acme/parity-stack",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_RUN_ID: "4242",
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
      GITHUB_REF: "refs/heads/main",
      GITHUB_WORKSPACE: options.workspace ?? ROOT,
      RUNNER_TEMP: runnerTemp,
      ...files,
      ...stepEnv,
      ...options.env,
    },
  });
  if (run.error !== undefined) throw run.error;
  executed.add(step.key);
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    outputs: parseCommandFile(read(files.GITHUB_OUTPUT)),
    exported: parseCommandFile(read(files.GITHUB_ENV)),
    summary: read(files.GITHUB_STEP_SUMMARY),
    calls: readCalls(log),
    runnerTemp,
  };
}
