import { readFileSync } from "node:fs";
import path from "node:path";
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
  type WorkflowTemplate,
} from "@actions/workflow-parser";
import {
  convertActionTemplate,
  parseAction,
  type ActionTemplate,
} from "@actions/workflow-parser/actions/index";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/index";
import { ROOT } from "./steps";

/** A file as the parser read it: the converted template and the token tree it came from. */
export interface Loaded<T> {
  readonly file: string;
  readonly template: T;
  /** The raw tree, for what conversion drops (a step's `with:` and `shell:`, `timeout-minutes`). */
  readonly root: MappingToken;
}

function readRelative(file: string): { name: string; content: string } {
  return { name: file, content: readFileSync(path.join(ROOT, file), "utf8") };
}

function refuse(file: string, errors: readonly { readonly message: string }[]): void {
  if (errors.length > 0) {
    throw new Error(`${file}: ${errors.map((error) => error.message).join("; ")}`);
  }
}

/** A workflow file as GitHub's own parser reads it; any schema error throws, naming the file. */
export async function loadWorkflow(file: string): Promise<Loaded<WorkflowTemplate>> {
  const source = readRelative(file);
  const parsed = parseWorkflow(source, new NoOperationTraceWriter());
  refuse(file, parsed.context.errors.getErrors());
  if (parsed.value === undefined) throw new Error(`${file}: the parser produced no workflow`);
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  refuse(
    file,
    (template.errors ?? []).map((error) => ({ message: error.Message })),
  );
  return { file, template, root: parsed.value.assertMapping("workflow") };
}

/** A composite action's action.yml (`uses: ./dir`) as GitHub's own parser reads it. */
export function loadAction(dir: string): Loaded<ActionTemplate> {
  const file = path.join(dir, "action.yml");
  const source = readRelative(file);
  const parsed = parseAction(source, new NoOperationTraceWriter());
  refuse(file, parsed.context.errors.getErrors());
  if (parsed.value === undefined) throw new Error(`${file}: the parser produced no action`);
  const template = convertActionTemplate(parsed.context, parsed.value);
  return { file, template, root: parsed.value.assertMapping("action") };
}
