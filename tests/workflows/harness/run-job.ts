import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { ActionStep, RunStep, Step } from "@actions/workflow-parser/actions/index";
import { isMapping, isSequence, isString } from "@actions/workflow-parser";
import type { MappingToken, TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import { runScript } from "./bash";
import { readCliCalls, type CliCall } from "./cli-bin";
import {
  asString,
  evaluate,
  evaluateStrings,
  evaluateToken,
  truthy,
  type Contexts,
  type Json,
} from "./expressions";
import { loadAction } from "./load";
import { markExecuted } from "./run-step";
import { ROOT } from "./steps";

/** What happened to one step (or one step of a composite action it ran). */
export interface StepRecord {
  readonly key: string;
  readonly name: string;
  readonly outcome: "success" | "failure" | "cancelled" | "skipped";
  readonly calls: readonly CliCall[];
  readonly stdout: string;
  readonly stderr: string;
  /** For `uses:` of a third-party action: the action and its evaluated inputs. */
  readonly uses?: { readonly action: string; readonly with: Readonly<Record<string, string>> };
}

/** What a job's steps share while it runs. */
export interface JobScope {
  readonly file: string;
  readonly job: string;
  /** Contexts every expression of the job reads (github, needs, matrix, vars, secrets, …). */
  readonly contexts: Record<string, Json>;
  /** Workflow and job env, evaluated, plus what steps added through GITHUB_ENV. */
  readonly env: Record<string, string>;
  readonly shell: string | undefined;
  readonly process: ProcessScope;
  readonly steps: StepRecord[];
  summary: string;
}

/**
 * The run's machinery: stubs on PATH, their log, the runner's temp dir (each job's own, as each
 * job has a runner of its own), the run's artifacts, git and cancellation.
 */
export interface ProcessScope {
  readonly bin: string;
  readonly log: string;
  runnerTemp: string;
  /** Where uploaded artifacts are kept, one directory per artifact name. */
  readonly artifacts: string;
  readonly baseEnv: Readonly<Record<string, string>>;
  readonly git: string | undefined;
  readonly cancelBefore: string | undefined;
  cancelled: boolean;
}

interface StepsState {
  readonly context: Record<string, Json>;
  failed: boolean;
}

function field(token: TemplateToken | undefined, key: string): TemplateToken | undefined {
  return token !== undefined && isMapping(token) ? token.find(key) : undefined;
}

function literal(token: TemplateToken | undefined): string | undefined {
  return token !== undefined && isString(token) ? token.value : undefined;
}

function rawSteps(root: MappingToken, path: readonly string[]): TemplateToken[] {
  let token: TemplateToken | undefined = root;
  for (const key of path) token = field(token, key);
  if (token === undefined || !isSequence(token)) return [];
  return [...Array(token.count).keys()].map((i) => token.get(i));
}

function isRunStep(step: Step): step is RunStep {
  return "run" in step;
}

/** A simulated action's failure: its message, as the action logs it. */
class ActionFailure extends Error {}

/**
 * actions/upload-artifact (v7 action.yml): `path` a file or a directory whose contents become the
 * artifact, and its outputs artifact-id and artifact-url; nothing there uploads nothing and fails
 * the step only with `if-no-files-found: error` (default warn).
 */
function uploadArtifact(inputs: Record<string, string>, scope: JobScope): Record<string, string> {
  const from = inputs.path ?? "";
  const name = inputs.name ?? "artifact";
  const target = path.join(scope.process.artifacts, name);
  if (existsSync(target) && inputs.overwrite !== "true")
    throw new ActionFailure(`An artifact with the name '${name}' already exists`);
  if (!existsSync(from)) {
    if ((inputs["if-no-files-found"] ?? "warn") === "error")
      throw new ActionFailure(`No files were found with the provided path: ${from}`);
    return {};
  }
  const single = statSync(from).isFile();
  mkdirSync(target, { recursive: true });
  cpSync(from, single ? path.join(target, path.basename(from)) : target, { recursive: true });
  const id = String(readdirSync(scope.process.artifacts).length);
  const run = asString((scope.contexts.github as Record<string, Json>).run_id ?? "");
  return {
    "artifact-id": id,
    "artifact-url": `https://github.com/acme/parity-stack/actions/runs/${run}/artifacts/${id}`,
  };
}

/** actions/download-artifact (v8 action.yml): one artifact by `name` into `path`. */
function downloadArtifact(inputs: Record<string, string>, scope: JobScope): undefined {
  const name = inputs.name;
  const to = inputs.path;
  if (name === undefined || to === undefined)
    throw new Error("the harness downloads one artifact by name into a given path");
  const from = path.join(scope.process.artifacts, name);
  if (!existsSync(from))
    throw new ActionFailure(`Unable to download artifact(s): Artifact not found for name: ${name}`);
  cpSync(from, to, { recursive: true });
}

const THIRD_PARTY: Record<
  string,
  (inputs: Record<string, string>, scope: JobScope) => Record<string, string> | undefined
> = {
  "actions/checkout": (inputs, scope) => {
    const git = scope.process.git;
    if (git === undefined) return;
    const sha = (scope.contexts.github as Record<string, Json>).sha;
    const ref = inputs.ref ?? asString(sha ?? "");
    execFileSync("git", ["checkout", "--quiet", "--detach", ref], { cwd: git });
  },
  "actions/setup-node": () => undefined,
  "actions/upload-artifact": uploadArtifact,
  "actions/download-artifact": downloadArtifact,
  "pulumi/actions": () => undefined,
  "aws-actions/configure-aws-credentials": (inputs, scope) => {
    Object.assign(scope.env, {
      AWS_REGION: inputs["aws-region"] ?? "",
      AWS_DEFAULT_REGION: inputs["aws-region"] ?? "",
      AWS_ACCESS_KEY_ID: "ASIAEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "oidc-session-secret",
      AWS_SESSION_TOKEN: "oidc-session-token",
    });
  },
};

/**
 * Runs a list of steps (a job's, or a composite action's with its own `steps` context and
 * status, as the runner gives composite steps `github.action_status`): `if:` with GitHub's status
 * functions, env layered workflow → job → step, outputs, `continue-on-error`, composite actions
 * expanded with their inputs, third-party actions simulated by name.
 */
export function runSteps(
  scope: JobScope,
  file: string,
  job: string | undefined,
  steps: readonly Step[],
  raw: readonly TemplateToken[],
  extra: Record<string, Json>,
): StepsState {
  const state: StepsState = { context: {}, failed: false };
  steps.forEach((step, index) => {
    const rawStep = raw[index];
    const name =
      literal(field(rawStep, "name")) ??
      (isRunStep(step)
        ? (literal(field(rawStep, "run"))?.split("\n")[0] ?? "")
        : (literal(field(rawStep, "uses")) ?? ""));
    const key = `${file}${job === undefined ? "" : ` ${job}`} #${index} ${name}`;
    if (scope.process.cancelBefore === name) scope.process.cancelled = true;
    const contexts: Contexts = {
      ...scope.contexts,
      ...extra,
      env: { ...scope.env },
      steps: state.context,
    };
    const status = {
      success: !state.failed,
      failure: state.failed,
      cancelled: scope.process.cancelled,
    };
    const condition = step.if === undefined ? "success()" : step.if.expression;
    const record = (outcome: StepRecord["outcome"]): void => {
      scope.steps.push({ key, name, outcome, calls: [], stdout: "", stderr: "" });
      state.context[step.id] = { outcome, conclusion: outcome, outputs: {} };
    };
    if (!truthy(evaluate(condition, contexts, status))) {
      record(
        scope.process.cancelled && scope.process.cancelBefore === name ? "cancelled" : "skipped",
      );
      return;
    }
    const stepEnv = {
      ...scope.env,
      ...evaluateStrings("env" in step ? step.env : undefined, contexts, status),
    };
    const withInputs = evaluateStrings(field(rawStep, "with"), contexts, status);
    const continueOnError = step["continue-on-error"] === true;
    let outcome: StepRecord["outcome"];
    let outputs: Record<string, string> = {};
    if (isRunStep(step)) {
      const script = asString(evaluateToken(step.run, contexts, status));
      const shell = literal(field(rawStep, "shell")) ?? scope.shell ?? "bash";
      if (shell !== "bash") throw new Error(`${key}: unsupported shell ${shell}`);
      const before = readCliCalls(scope.process.log).length;
      const run = runScript(script, {
        cwd: ROOT,
        path: [scope.process.bin],
        runnerTemp: scope.process.runnerTemp,
        env: { ...scope.process.baseEnv, ...stepEnv },
      });
      markExecuted(key);
      outcome = run.status === 0 ? "success" : "failure";
      outputs = { ...run.outputs };
      Object.assign(scope.env, run.exported);
      scope.summary += run.summary;
      scope.steps.push({
        key,
        name,
        outcome,
        calls: readCliCalls(scope.process.log, before),
        stdout: run.stdout,
        stderr: run.stderr,
      });
    } else {
      const uses = (step as ActionStep).uses.value;
      if (uses.startsWith("./")) {
        const action = loadAction(uses);
        if (action.template.runs.using !== "composite")
          throw new Error(`${uses}: not a composite action`);
        const inputs: Record<string, Json> = {};
        for (const input of action.template.inputs ?? []) {
          const given = withInputs[input.id];
          if (given === undefined && input.required === true)
            throw new Error(`${key}: ${uses} needs input ${input.id}`);
          inputs[input.id] =
            given ??
            (input.default === undefined
              ? ""
              : asString(evaluateToken(input.default, contexts, status)));
        }
        const unknown = Object.keys(withInputs).filter((id) => !(id in inputs));
        if (unknown.length > 0)
          throw new Error(`${key}: ${uses} has no input ${unknown.join(", ")}`);
        // The step's env reaches the action's steps; what they export (GITHUB_ENV) and write to
        // the summary reaches the job.
        const innerScope: JobScope = { ...scope, env: { ...stepEnv } };
        const inner = runSteps(
          innerScope,
          action.file,
          undefined,
          action.template.runs.steps,
          rawSteps(action.root, ["runs", "steps"]),
          { ...extra, inputs },
        );
        scope.summary = innerScope.summary;
        for (const [name, value] of Object.entries(innerScope.env)) {
          if (stepEnv[name] !== value) scope.env[name] = value;
        }
        const innerContexts = { ...contexts, inputs, steps: inner.context };
        for (const output of action.template.outputs ?? []) {
          outputs[output.id] =
            output.value === undefined
              ? ""
              : asString(evaluateToken(output.value, innerContexts, status));
        }
        outcome = inner.failed ? "failure" : "success";
      } else {
        const action = uses.replace(/@.*$/, "");
        const simulate = THIRD_PARTY[action];
        if (simulate === undefined)
          throw new Error(`${key}: the harness does not simulate ${uses}`);
        let stderr = "";
        try {
          outputs = simulate(withInputs, scope) ?? {};
          outcome = "success";
        } catch (error) {
          if (!(error instanceof ActionFailure)) throw error;
          outcome = "failure";
          stderr = error.message;
        }
        scope.steps.push({
          key,
          name,
          outcome,
          calls: [],
          stdout: "",
          stderr,
          uses: { action, with: withInputs },
        });
      }
    }
    state.context[step.id] = {
      outcome,
      conclusion: outcome === "failure" && continueOnError ? "success" : outcome,
      outputs,
    };
    if (outcome === "failure" && !continueOnError) state.failed = true;
  });
  return state;
}
