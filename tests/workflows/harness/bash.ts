import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The flags GitHub runs `shell: bash` steps with. */
export const GITHUB_BASH = ["--noprofile", "--norc", "-eo", "pipefail"] as const;

/** What GitHub-hosted runners set for every step, with this harness's fixed values. */
export const RUNNER_ENV: Readonly<Record<string, string>> = {
  CI: "true",
  GITHUB_ACTIONS: "true",
  GITHUB_REPOSITORY: "acme/parity-stack",
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_RUN_ID: "4242",
  GITHUB_RUN_ATTEMPT: "1",
  GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
  GITHUB_REF: "refs/heads/main",
};

export interface ScriptOptions {
  /** The step's whole environment except PATH, the command files and RUNNER_TEMP. */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Directories put first on PATH (stub CLIs, GITHUB_PATH additions), in order. */
  readonly path: readonly string[];
  readonly runnerTemp: string;
  readonly stdin?: string;
  /** Kill the script after this long (a hang is a failure, not a stuck test run). */
  readonly timeoutMs?: number;
}

export interface ScriptResult {
  /** Exit status of the shell; null when it was killed. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What the script wrote to GITHUB_OUTPUT. */
  readonly outputs: Readonly<Record<string, string>>;
  /** What the script wrote to GITHUB_ENV. */
  readonly exported: Readonly<Record<string, string>>;
  /** What the script wrote to GITHUB_PATH. */
  readonly addedPath: readonly string[];
  /** What the script appended to the job summary. */
  readonly summary: string;
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
 * Runs a `run:` script the way a GitHub-hosted runner does: in a file, with
 * `bash --noprofile --norc -eo pipefail`, and fresh GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and
 * GITHUB_STEP_SUMMARY files; the machine's own tools (jq, git, node, coreutils) come after `path`.
 */
export function runScript(script: string, options: ScriptOptions): ScriptResult {
  const work = mkdtempSync(path.join(tmpdir(), "runner-step-"));
  const files = {
    GITHUB_OUTPUT: path.join(work, "output"),
    GITHUB_ENV: path.join(work, "env"),
    GITHUB_STEP_SUMMARY: path.join(work, "summary.md"),
    GITHUB_PATH: path.join(work, "path"),
  };
  for (const file of Object.values(files)) writeFileSync(file, "");
  const file = path.join(work, "step.sh");
  writeFileSync(file, script);
  const run = spawnSync("bash", [...GITHUB_BASH, file], {
    cwd: options.cwd,
    encoding: "utf8",
    input: options.stdin ?? "",
    timeout: options.timeoutMs ?? 60_000,
    env: {
      HOME: process.env.HOME ?? work,
      LANG: "C.UTF-8",
      ...RUNNER_ENV,
      ...options.env,
      PATH: [...options.path, process.env.PATH ?? "/usr/bin:/bin"].join(":"),
      RUNNER_TEMP: options.runnerTemp,
      ...files,
    },
  });
  if (run.error !== undefined) throw run.error;
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    outputs: parseCommandFile(read(files.GITHUB_OUTPUT)),
    exported: parseCommandFile(read(files.GITHUB_ENV)),
    addedPath: read(files.GITHUB_PATH)
      .split("\n")
      .filter((line) => line !== ""),
    summary: read(files.GITHUB_STEP_SUMMARY),
  };
}
