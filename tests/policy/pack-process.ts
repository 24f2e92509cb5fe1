import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type {
  AnalyzeRequest,
  AnalyzeResponse,
  AnalyzerInfo,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { cliConfig } from "../../parity/offline/evaluate";
import { PROJECT_DIR } from "../helpers/temp-project";

/** The pack's folder, as `pulumi preview --policy-pack policy` names it. */
export const PACK_DIR = path.join(PROJECT_DIR, "policy");

/** A policy pack process and an analyzer client connected to it. */
export interface PackProcess {
  readonly client: AnalyzerClient;
  stop(): Promise<void>;
}

/**
 * Starts the pack as the Pulumi CLI does for a Node.js pack (pulumi/pulumi
 * sdk/go/common/resource/plugin/analyzer_plugin.go and sdk/nodejs/dist/pulumi-analyzer-policy): in
 * the pack's folder, node runs the `@pulumi/pulumi/cmd/run-policy-pack` module it resolves there
 * with the engine's address and `.`, with the stack's name, project and config in
 * PULUMI_NODEJS_STACK, PULUMI_NODEJS_PROJECT and PULUMI_CONFIG. The pack prints the port it serves
 * the analyzer on.
 */
export async function startPack(stack: string): Promise<PackProcess> {
  const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [PACK_DIR] });
  const { project, config } = cliConfig(PROJECT_DIR, stack);
  const child: ChildProcess = spawn(process.execPath, [runner, "127.0.0.1:0", "."], {
    cwd: PACK_DIR,
    env: {
      ...process.env,
      PULUMI_CONFIG: JSON.stringify(config),
      PULUMI_NODEJS_STACK: stack,
      PULUMI_NODEJS_PROJECT: project,
      PULUMI_NODEJS_DRY_RUN: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const exited = once(child, "exit").then(() => {
    throw new Error(`the policy pack exited before serving: ${stderr.join("")}`);
  });
  const port = await Promise.race([once(lines, "line").then(([line]) => String(line)), exited]);
  lines.close();
  const client = new AnalyzerClient(`127.0.0.1:${port.trim()}`, grpc.credentials.createInsecure());
  return {
    client,
    stop: async () => {
      client.close();
      const gone = once(child, "exit");
      child.kill();
      await gone;
    },
  };
}

/** What the engine asks first: the pack's name and policies. */
export function analyzerInfo(client: AnalyzerClient): Promise<AnalyzerInfo> {
  return new Promise((resolve, reject) => {
    client.getAnalyzerInfo(new Empty(), (error, info) => {
      if (error === null) resolve(info);
      else reject(error);
    });
  });
}

/** The engine's check of one resource before it creates or updates it. */
export function analyze(client: AnalyzerClient, request: AnalyzeRequest): Promise<AnalyzeResponse> {
  return new Promise((resolve, reject) => {
    client.analyze(request, (error, response) => {
      if (error === null) resolve(response);
      else reject(error);
    });
  });
}
