import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { isMapping, isNumber } from "@actions/workflow-parser";
import type { Job, WorkflowJob } from "@actions/workflow-parser/model/workflow-template";
import { readCliCalls, writeCliBin, type CliCall } from "./cli-bin";
import { RUNNER_ENV } from "./bash";
import {
  asString,
  evaluateStrings,
  evaluateToken,
  evaluate,
  truthy,
  type Json,
} from "./expressions";
import { loadWorkflow } from "./load";
import { matrixOf } from "./matrix";
import { runSteps, type JobScope, type ProcessScope, type StepRecord } from "./run-job";
import { ROOT } from "./steps";
import type { World } from "./world";

export type JobResult = "success" | "failure" | "cancelled" | "skipped";

export interface JobRecord {
  readonly id: string;
  readonly matrix: Readonly<Record<string, Json>> | undefined;
  readonly result: JobResult;
  readonly outputs: Readonly<Record<string, string>>;
  readonly steps: readonly StepRecord[];
  readonly summary: string;
  readonly environment: string | undefined;
  readonly concurrency:
    | { readonly group: string; readonly cancelInProgress: boolean; readonly queue: string }
    | undefined;
  readonly timeoutMinutes: number;
}

export interface WorkflowRun {
  /** False when the workflow's `on:` does not start for this event. */
  readonly triggered: boolean;
  readonly jobs: readonly JobRecord[];
  readonly world: World;
  readonly calls: readonly CliCall[];
  /** The artifacts the run uploaded: name → the files in it, relative to its root. */
  readonly artifacts: Readonly<Record<string, readonly string[]>>;
  /** The one job (or matrix leg, by `matrix`) with this id. */
  job(id: string, matrix?: Readonly<Record<string, Json>>): JobRecord;
}

export interface WorkflowRunOptions {
  readonly event: string;
  readonly payload: Record<string, Json>;
  readonly world: World;
  readonly secrets?: Readonly<Record<string, string>>;
  readonly vars?: Readonly<Record<string, string>>;
  readonly inputs?: Readonly<Record<string, string>>;
  /** A repository's work tree that the steps' git (and actions/checkout) use. */
  readonly git?: string;
  /** The run is cancelled when it reaches the step with this name. */
  readonly cancelBefore?: string;
  /** Environments whose reviewers reject the deployment: their jobs fail before any step. */
  readonly rejected?: readonly string[];
}

function triggers(
  on: Record<string, unknown>,
  event: string,
  payload: Record<string, Json>,
): boolean {
  if (!(event in on)) return false;
  const filter = (on[event] ?? {}) as { types?: string[]; branches?: string[] };
  if (filter.types !== undefined && !filter.types.includes(asString(payload.action ?? null)))
    return false;
  const run = payload.workflow_run as Record<string, Json> | undefined;
  if (filter.branches !== undefined && run !== undefined)
    return filter.branches.includes(asString(run.head_branch ?? null));
  return true;
}

function ordered(jobs: readonly WorkflowJob[]): WorkflowJob[] {
  const done = new Set<string>();
  const out: WorkflowJob[] = [];
  while (out.length < jobs.length) {
    const ready = jobs.filter(
      (j) => !done.has(j.id.value) && (j.needs ?? []).every((n) => done.has(n.value)),
    );
    if (ready.length === 0) throw new Error("the jobs' needs form a cycle");
    for (const job of ready) {
      done.add(job.id.value);
      out.push(job);
    }
  }
  return out;
}

function combined(records: readonly JobRecord[]): {
  result: JobResult;
  outputs: Record<string, string>;
} {
  const results = records.map((r) => r.result);
  const result: JobResult = results.includes("failure")
    ? "failure"
    : results.includes("cancelled")
      ? "cancelled"
      : results.every((r) => r === "skipped")
        ? "skipped"
        : "success";
  return {
    result,
    outputs: Object.assign({}, ...records.map((r) => r.outputs)) as Record<string, string>,
  };
}

/**
 * Runs a workflow for one event as GitHub does, with GitHub's own parser and expression
 * evaluator: jobs in `needs` order (matrix legs from JSON), job and step `if:` with the status
 * functions, env at each level, step, job and composite outputs, concurrency groups and
 * environments recorded; `run:` steps in GitHub's bash with the stub CLIs first on PATH, over a
 * world the test set up and reads back.
 */
export async function runWorkflow(file: string, options: WorkflowRunOptions): Promise<WorkflowRun> {
  const { template, root } = await loadWorkflow(file);
  const work = mkdtempSync(path.join(tmpdir(), "workflow-run-"));
  const worldFile = path.join(work, "world.json");
  writeFileSync(worldFile, JSON.stringify(options.world));
  const eventFile = path.join(work, "event.json");
  writeFileSync(eventFile, JSON.stringify(options.payload));
  const artifacts = path.join(work, "artifacts");
  mkdirSync(artifacts);
  const processScope: ProcessScope = {
    bin: path.join(work, "bin"),
    log: path.join(work, "calls.log"),
    runnerTemp: "",
    artifacts,
    git: options.git,
    cancelBefore: options.cancelBefore,
    cancelled: false,
    baseEnv: {
      WORLD_FILE: worldFile,
      STUB_LOG: path.join(work, "calls.log"),
      GITHUB_EVENT_NAME: options.event,
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_WORKSPACE: ROOT,
      ...(options.git === undefined
        ? {}
        : { GIT_DIR: path.join(options.git, ".git"), GIT_WORK_TREE: options.git }),
    },
  };
  writeCliBin(processScope.bin);
  const read = (): WorkflowRun => {
    const world = JSON.parse(readFileSync(worldFile, "utf8")) as World;
    return {
      triggered,
      jobs: records,
      world,
      calls: readCliCalls(processScope.log),
      artifacts: Object.fromEntries(
        readdirSync(artifacts).map((name) => [
          name,
          readdirSync(path.join(artifacts, name), { recursive: true, encoding: "utf8" }).sort(),
        ]),
      ),
      job(id, matrix) {
        const found = records.filter(
          (r) =>
            r.id === id &&
            (matrix === undefined || JSON.stringify(r.matrix) === JSON.stringify(matrix)),
        );
        if (found.length !== 1)
          throw new Error(`expected one job ${id}, found ${String(found.length)}`);
        return found[0] as JobRecord;
      },
    };
  };
  const records: JobRecord[] = [];
  const triggered = triggers(template.events, options.event, options.payload);
  if (!triggered) return read();

  const github: Record<string, Json> = {
    event_name: options.event,
    event: options.payload,
    repository: RUNNER_ENV.GITHUB_REPOSITORY ?? "",
    run_id: RUNNER_ENV.GITHUB_RUN_ID ?? "",
    sha: RUNNER_ENV.GITHUB_SHA ?? "",
    ref: RUNNER_ENV.GITHUB_REF ?? "",
    server_url: RUNNER_ENV.GITHUB_SERVER_URL ?? "",
    token: "ghs_workflow_token",
    workspace: ROOT,
  };
  const base: Record<string, Json> = {
    github,
    vars: { ...options.vars },
    inputs: { ...options.inputs },
    secrets: { GITHUB_TOKEN: "ghs_workflow_token", ...options.secrets },
    runner: { os: "Linux" },
  };
  const running = { success: true, failure: false, cancelled: false };
  const workflowEnv = evaluateStrings(template.env, base, running);
  const defaults = evaluateToken(root.find("defaults") ?? root, base, running) as {
    run?: { shell?: string };
  } | null;
  const shell = root.find("defaults") === undefined ? undefined : defaults?.run?.shell;

  for (const job of ordered(template.jobs) as Job[]) {
    const id = job.id.value;
    const needs: Record<string, Json> = {};
    for (const need of job.needs ?? []) {
      needs[need.value] = combined(records.filter((r) => r.id === need.value));
    }
    const needResults = Object.values(needs).map((n) => (n as { result: JobResult }).result);
    const status = {
      success: needResults.every((r) => r === "success"),
      failure: needResults.includes("failure"),
      cancelled: processScope.cancelled,
    };
    const jobContexts = { ...base, needs };
    const rawJob = root.find("jobs");
    const raw = rawJob !== undefined && isMapping(rawJob) ? rawJob.find(id) : undefined;
    const timeout = raw !== undefined && isMapping(raw) ? raw.find("timeout-minutes") : undefined;
    const timeoutMinutes = timeout !== undefined && isNumber(timeout) ? timeout.value : 360;
    if (!truthy(evaluate(job.if.expression, jobContexts, status))) {
      records.push({
        id,
        matrix: undefined,
        result: processScope.cancelled ? "cancelled" : "skipped",
        outputs: {},
        steps: [],
        summary: "",
        environment: undefined,
        concurrency: undefined,
        timeoutMinutes,
      });
      continue;
    }
    const legs =
      job.strategy === undefined
        ? [undefined]
        : matrixOf(evaluateToken(job.strategy, jobContexts, status));
    for (const matrix of legs) {
      // Each job runs on a runner of its own: files reach another job only as artifacts.
      processScope.runnerTemp = mkdtempSync(path.join(work, "temp-"));
      const contexts: Record<string, Json> = {
        ...jobContexts,
        runner: { temp: processScope.runnerTemp, os: "Linux" },
        matrix: matrix ?? {},
        strategy: {},
        job: {},
      };
      const concurrency =
        job.concurrency === undefined
          ? undefined
          : evaluateToken(job.concurrency, contexts, status);
      // Only the name: its url reads the steps, once the job has run.
      const environmentName =
        job.environment !== undefined && isMapping(job.environment)
          ? job.environment.find("name")
          : job.environment;
      const environment =
        environmentName === undefined
          ? undefined
          : asString(evaluateToken(environmentName, contexts, status));
      const env = {
        ...workflowEnv,
        ...evaluateStrings(job.env, { ...contexts, env: workflowEnv }, status),
      };
      const scope: JobScope = {
        file,
        job: id,
        contexts,
        env,
        shell,
        process: processScope,
        steps: [],
        summary: "",
      };
      if (environment !== undefined && (options.rejected ?? []).includes(environment)) {
        records.push({
          id,
          matrix,
          result: "failure",
          outputs: {},
          steps: [],
          summary: "",
          environment,
          concurrency: concurrencyOf(concurrency),
          timeoutMinutes,
        });
        continue;
      }
      const stepsToken = raw !== undefined && isMapping(raw) ? raw.find("steps") : undefined;
      const rawSteps =
        stepsToken === undefined
          ? []
          : [...Array(stepsToken.assertSequence("steps").count).keys()].map((i) =>
              stepsToken.assertSequence("steps").get(i),
            );
      const state = runSteps(scope, file, id, job.steps, rawSteps, {});
      const outputs = evaluateStrings(job.outputs, { ...contexts, steps: state.context }, status);
      records.push({
        id,
        matrix,
        result: processScope.cancelled ? "cancelled" : state.failed ? "failure" : "success",
        outputs,
        steps: scope.steps,
        summary: scope.summary,
        environment,
        concurrency: concurrencyOf(concurrency),
        timeoutMinutes,
      });
    }
  }
  return read();
}

function concurrencyOf(value: Json | undefined): JobRecord["concurrency"] {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return { group: value, cancelInProgress: false, queue: "single" };
  const mapping = value as Record<string, Json>;
  return {
    group: asString(mapping.group ?? ""),
    cancelInProgress: mapping["cancel-in-progress"] === true,
    queue: asString(mapping.queue ?? "single"),
  };
}
