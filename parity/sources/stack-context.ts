import { UserError } from "../../components/errors";
import { loadSpec } from "../../stacks/loader";
import { committedStacks, readProjectFile } from "../../stacks/project-files";
import { pullRequestNumber } from "../../stacks/spec";
import { cliConfig } from "../offline/evaluate";
import type { RawStack } from "../graph/raw";
import { parseUrn } from "../graph/urn";
import { identityStrings } from "./offline";

/**
 * Adds what the project knows about the stack a file was made from — its declared config values
 * and identity strings — when the file's URNs name this project and one of its stacks. Then
 * declared knobs can explain differences between real artifacts too.
 */
export function withStackContext(raw: RawStack, projectDir: string): RawStack {
  const first = raw.resources.map((r) => parseUrn(r.urn)).find((u) => u !== undefined);
  if (first === undefined) return raw;
  const known =
    committedStacks(projectDir).includes(first.stack) ||
    pullRequestNumber(first.stack) !== undefined;
  if (!known || readProjectFile(projectDir).name !== first.project) return raw;
  try {
    const { config } = cliConfig(projectDir, first.stack);
    const spec = loadSpec({ projectDir, stack: first.stack, config });
    return { ...raw, values: spec.values, identity: identityStrings(spec.values) };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return {
      ...raw,
      notes: [
        ...raw.notes,
        `${raw.name}: config of stack "${first.stack}" not used: ${error.message}`,
      ],
    };
  }
}
