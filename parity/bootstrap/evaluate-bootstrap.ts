import path from "node:path";
import { UserError } from "../../components/errors";
import { committedStacks, readProjectFile } from "../../stacks/project-files";
import { cliConfig, runUnderMocks, toError } from "../offline/evaluate";
import { OfflineMocks } from "../offline/mocks";
import { programFailure } from "../offline/program-failure";
import { loadProgramModule } from "../offline/program-module";
import type { RecordedResource } from "../offline/recorder";

/** The bootstrap project's folder, next to the main project's Pulumi.yaml. */
export const BOOTSTRAP_DIR = "bootstrap";

/** The bootstrap evaluated offline: what `pulumi up` in bootstrap/ would register and export. */
export interface EvaluatedBootstrap {
  readonly project: string;
  readonly stack: string;
  readonly resources: readonly RecordedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** The bootstrap's one committed stack (it runs once per organisation). */
function bootstrapStack(dir: string): string {
  const stacks = committedStacks(dir);
  const [stack] = stacks;
  if (stack === undefined || stacks.length > 1) {
    throw new UserError(
      `${BOOTSTRAP_DIR}/: ${stacks.length === 0 ? "has no stack file" : `has ${stacks.length} stack files (${stacks.join(", ")})`}. Allowed: exactly one Pulumi.<stack>.yaml, the organisation's. Fix: keep one stack file in ${BOOTSTRAP_DIR}/.`,
    );
  }
  return stack;
}

/**
 * Runs the bootstrap's program (bootstrap/Pulumi.yaml's `main`) under the offline mocks, with the
 * config the CLI would pass for its one stack, as `parity plan` runs the main program. The program
 * failing is a UserError naming its file and line.
 */
export async function evaluateBootstrap(projectDir: string): Promise<EvaluatedBootstrap> {
  const dir = path.join(projectDir, BOOTSTRAP_DIR);
  const project = readProjectFile(dir).name;
  const stack = bootstrapStack(dir);
  const { config, secretKeys } = cliConfig(dir, stack);
  const program = loadProgramModule(dir);
  try {
    const run = await runUnderMocks(
      program.pulumi,
      { project, stack, config, secretKeys },
      () => program.run(),
      { mocks: new OfflineMocks(stack), adopt: program.adopt },
    );
    return {
      project,
      stack,
      resources: run.resources,
      outputs: run.outputs as Record<string, unknown>,
    };
  } catch (error) {
    const failure = toError(error);
    if (failure.name === "UserError") throw new UserError(failure.message);
    throw programFailure(failure, dir, stack, projectDir);
  }
}
