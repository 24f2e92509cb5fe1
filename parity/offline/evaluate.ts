import * as pulumi from "@pulumi/pulumi";
import { defineStack } from "../../infra/program";
import { loadSpec } from "../../stacks/loader";
import { pipelineConfigSamples } from "../../stacks/pipeline-config";
import { readProjectFile, readStackFile, type FileValue } from "../../stacks/project-files";
import type { EnvironmentSpec } from "../../stacks/spec";
import { StrictMocks } from "./mocks";
import { plainValue, SECRET } from "../pulumi-values";
import { recordRegistrations, type RecordedResource } from "./recorder";

export interface EvaluateOptions {
  readonly projectDir: string;
  readonly stack: string;
  /** Extra config, as `pulumi config set` would add it (full keys, string values). */
  readonly config?: Readonly<Record<string, string>>;
}

/** One stack evaluated offline: its spec, every registration, and its resolved stack outputs. */
export interface EvaluatedStack {
  readonly project: string;
  readonly stack: string;
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
  for (const [key, entry] of Object.entries(project.config)) {
    const spec = (entry ?? {}) as { default?: FileValue; value?: FileValue };
    const value = spec.value ?? spec.default;
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

async function resolve(value: unknown): Promise<unknown> {
  const output = pulumi.output(value) as unknown as { promise(): Promise<unknown> };
  return plainValue(await output.promise());
}

export interface MockRun {
  readonly resources: readonly RecordedResource[];
  /** What the program returned, with every Output resolved and secrets masked. */
  readonly outputs: unknown;
}

/**
 * Runs `program` under fresh {@link StrictMocks} for `stack` with exactly `config`, records every
 * registration, waits for all of them, and fails if any registration or invoke failed.
 */
export async function runUnderMocks(
  target: { project: string; stack: string; config: Record<string, string>; secretKeys?: string[] },
  program: () => unknown,
): Promise<MockRun> {
  await pulumi.runtime.setMocks(new StrictMocks(target.stack), target.project, target.stack, false);
  pulumi.runtime.setAllConfig(target.config, target.secretKeys ?? []);
  const recorded = recordRegistrations();
  let outputs: unknown;
  try {
    outputs = await resolve(program());
  } finally {
    await pulumi.runtime.disconnect();
  }
  const [error] = recorded.errors;
  if (error !== undefined) throw error;
  return { resources: recorded.resources, outputs };
}

/**
 * Runs the Pulumi program for one stack under {@link StrictMocks}, with that stack's own config
 * and nothing left over from a stack evaluated before it, and returns what it registered.
 * Config mistakes throw the loader's error before any resource is registered.
 */
export async function evaluateStack(options: EvaluateOptions): Promise<EvaluatedStack> {
  const { project, config, secretKeys } = cliConfig(options.projectDir, options.stack);
  Object.assign(config, options.config);
  let spec: EnvironmentSpec | undefined;
  const run = await runUnderMocks({ project, stack: options.stack, config, secretKeys }, () => {
    spec = loadSpec({ projectDir: options.projectDir, stack: options.stack, config });
    return defineStack(spec);
  });
  if (spec === undefined) throw new Error("the program did not load its spec");
  return {
    project,
    stack: options.stack,
    spec,
    resources: run.resources,
    outputs: run.outputs as Record<string, unknown>,
  };
}
