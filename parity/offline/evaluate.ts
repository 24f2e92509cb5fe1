import type * as pulumi from "@pulumi/pulumi";
import { realpathSync } from "node:fs";
import path from "node:path";
import { UserError } from "../../components/errors";
import { loadSpec } from "../../stacks/loader";
import { pipelineConfigSamples } from "../../stacks/pipeline-config";
import {
  projectConfigValue,
  readProjectFile,
  readStackFile,
  type FileValue,
} from "../../stacks/project-files";
import type { EnvironmentSpec } from "../../stacks/spec";
import { OfflineMocks } from "./mocks";
import { plainValue, SECRET } from "../pulumi-values";
import { engineRefusal } from "./engine-refusals";
import { hasFrames, programFailure } from "./program-failure";
import { loadProgramModule, type ProgramModule } from "./program-module";
import { recordRegistrations, type RecordedResource } from "./recorder";

export interface EvaluateOptions {
  readonly projectDir: string;
  readonly stack: string;
  /**
   * Config on top of the stack's own, as `pulumi config set` would add it (full keys, string
   * values); `undefined` removes a key, as `pulumi config rm` would.
   */
  readonly config?: Readonly<Record<string, string | undefined>>;
  /**
   * Record stack traces while the program runs (for `--debug`). Off by default: Pulumi records
   * one with every promise it makes, for a leak report an offline evaluation never prints, and
   * recording them is a third of an evaluation's time.
   */
  readonly stackTraces?: boolean;
}

/** One stack evaluated offline: its spec, every registration, and its resolved stack outputs. */
export interface EvaluatedStack {
  readonly project: string;
  readonly stack: string;
  /** The main module that ran, relative to the project directory. */
  readonly program: string;
  readonly spec: EnvironmentSpec;
  readonly resources: readonly RecordedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
}

function configString(value: FileValue): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * The config the Pulumi CLI would hand the program for `stack`: Pulumi.yaml's project defaults
 * and values, the samples of what the pipeline sets before `pulumi up` (production's imageRef),
 * overlaid with the stack file's values. Encrypted values cannot be read offline; they are passed
 * as a placeholder and marked secret.
 */
export function cliConfig(
  projectDir: string,
  stack: string,
): { project: string; config: Record<string, string>; secretKeys: string[] } {
  const project = readProjectFile(projectDir);
  const full = (key: string) => (key.includes(":") ? key : `${project.name}:${key}`);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const key of Object.keys(project.config)) {
    const value = projectConfigValue(project, key);
    if (value !== undefined) config[full(key)] = configString(value);
  }
  Object.assign(config, pipelineConfigSamples(project.name, stack));
  for (const [key, value] of Object.entries(readStackFile(projectDir, stack)?.config ?? {})) {
    const secure = typeof value === "object" && value !== null && "secure" in value;
    config[full(key)] = secure ? SECRET : configString(value);
    if (secure) secretKeys.push(full(key));
  }
  return { project: project.name, config, secretKeys };
}

type PulumiSdk = typeof pulumi;

/** `reason` as an Error; errors of another realm (a test sandbox) are Errors too. */
export function toError(reason: unknown): Error {
  const errorLike = typeof reason === "object" && reason !== null && "message" in reason;
  return errorLike ? (reason as Error) : new Error(String(reason));
}

async function resolve(sdk: PulumiSdk, value: unknown): Promise<unknown> {
  const output = sdk.output(value) as unknown as { promise(): Promise<unknown> };
  return plainValue(await output.promise());
}

export interface MockRun {
  readonly resources: readonly RecordedResource[];
  /** What the program returned, with every Output resolved and secrets masked. */
  readonly outputs: unknown;
}

/** What a run under mocks needs besides the program: the target stack and its config. */
export interface MockTarget {
  readonly project: string;
  readonly stack: string;
  readonly config: Record<string, string>;
  readonly secretKeys?: string[];
}

/**
 * Runs `program` under `mocks` for `stack` with exactly
 * `config`, records every registration, waits for all of them, and fails if any registration or
 * invoke failed — naming first an invoke the mocks could not answer — or the engine would refuse
 * what ran (./engine-refusals.ts). `sdk` is the
 * `@pulumi/pulumi` the program uses: the one its own modules resolve, never a copy this module
 * loads (a test sandbox has its own, and an offline evaluation uses the program's).
 */
export async function runUnderMocks(
  sdk: PulumiSdk,
  target: MockTarget,
  program: () => unknown,
  options: { mocks: OfflineMocks; adopt?: <T>(value: T) => T },
): Promise<MockRun> {
  const { mocks } = options;
  const adopt = options.adopt ?? (<T>(value: T) => value);
  const answers: pulumi.runtime.Mocks = {
    newResource: (args) => adopt(mocks.newResource(args)),
    call: (args) => adopt(mocks.call(args)),
  };
  await sdk.runtime.setMocks(answers, target.project, target.stack, false);
  sdk.runtime.setAllConfig(target.config, target.secretKeys ?? []);
  const recorded = recordRegistrations(sdk.runtime);
  // An invoke the program never awaits would otherwise end the process when it fails.
  const unawaited = (reason: unknown) => {
    recorded.errors.push(toError(reason));
  };
  process.on("unhandledRejection", unawaited);
  // Without an engine the SDK prints a logged error and counts it; the engine fails the update.
  const log = sdk.log as { error: typeof sdk.log.error };
  const logError = log.error;
  const loggedErrors: string[] = [];
  log.error = (message) => {
    loggedErrors.push(message);
    return Promise.resolve();
  };
  let outputs: unknown;
  try {
    outputs = await resolve(sdk, program());
  } catch (error) {
    recorded.errors.unshift(toError(error));
  } finally {
    await sdk.runtime.disconnect();
    // Node reports a rejection nobody handled once the microtasks ran: wait for that, so the
    // program's own rejections (an apply that throws) are recorded here and not fatal later.
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", unawaited);
    log.error = logError;
  }
  const [error] = [...mocks.missingInvokes, ...recorded.errors];
  if (error !== undefined) throw error;
  const refusal = engineRefusal(target.stack, {
    resources: recorded.resources,
    config: target.config,
    loggedErrors,
  });
  if (refusal !== undefined) throw refusal;
  return { resources: recorded.resources, outputs };
}

const USER_ERROR = new UserError("").name;

/**
 * The program's own user-facing errors as this checker's {@link UserError}: the program loads its
 * own copy of components/errors.ts when it is not this checkout (or runs in a test sandbox), and
 * its errors are then recognised by their name.
 */
function asUserError(error: unknown): unknown {
  const foreign = !(error instanceof UserError) && toError(error).name === USER_ERROR;
  return foreign ? new UserError(toError(error).message) : error;
}

const programs = new Map<string, ProgramModule>();

/** The project's Pulumi program, loaded once per project directory. */
function programOf(projectDir: string): ProgramModule {
  const key = realpathSync(projectDir);
  let program = programs.get(key);
  if (program === undefined) {
    program = loadProgramModule(projectDir);
    programs.set(key, program);
  }
  return program;
}

/**
 * Runs what `pulumi up` runs for one stack — Pulumi.yaml's `main`, with the config the CLI would
 * pass — under {@link OfflineMocks}, with nothing left over from a stack evaluated before it, and
 * returns what it registered and exported. Config mistakes throw the loader's error before the
 * program runs; the program failing throws a {@link UserError} naming its file and line (found by
 * evaluating the stack again with stack traces when the first run recorded none).
 */
export async function evaluateStack(options: EvaluateOptions): Promise<EvaluatedStack> {
  try {
    return await evaluateOnce(options);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const failure = toError(error);
    if (!hasFrames(failure) && options.stackTraces !== true) {
      await evaluateOnce({ ...options, stackTraces: true }).catch((again: unknown) => {
        if (again instanceof UserError) throw again;
        throw programFailure(toError(again), options.projectDir, options.stack);
      });
    }
    throw programFailure(failure, options.projectDir, options.stack);
  }
}

async function evaluateOnce(options: EvaluateOptions): Promise<EvaluatedStack> {
  const { project, config, secretKeys } = cliConfig(options.projectDir, options.stack);
  for (const [key, value] of Object.entries(options.config ?? {})) {
    if (value === undefined) Reflect.deleteProperty(config, key);
    else config[key] = value;
  }
  const spec = loadSpec({ projectDir: options.projectDir, stack: options.stack, config });
  const program = programOf(options.projectDir);
  // The program's realm and this one differ inside a test sandbox; both are limited.
  const realms = options.stackTraces === true ? [] : [...new Set([Error, program.realmError])];
  const stackTraceLimits = realms.map((realm) => realm.stackTraceLimit);
  for (const realm of realms) realm.stackTraceLimit = 0;
  let run: MockRun;
  try {
    run = await runUnderMocks(
      program.pulumi,
      { project, stack: options.stack, config, secretKeys },
      () => program.run(),
      { mocks: new OfflineMocks(options.stack), adopt: program.adopt },
    );
  } catch (error) {
    throw asUserError(error);
  } finally {
    realms.forEach((realm, i) => (realm.stackTraceLimit = stackTraceLimits[i] ?? 10));
  }
  return {
    project,
    stack: options.stack,
    program: path.relative(realpathSync(options.projectDir), program.file),
    spec,
    resources: run.resources,
    outputs: run.outputs as Record<string, unknown>,
  };
}
