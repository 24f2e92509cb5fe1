import { UserError } from "../../components/errors";
import type { ResourceState } from "./schemas";
import { REFRESH_OP, REPLACEMENT_OPS } from "./step-ops";

function duplicate(file: string, urn: string, first: string, second: string): UserError {
  return new UserError(
    `${file}: URN ${urn} appears twice (\`${first}\` and \`${second}\`); a stack holds each resource once. Pass the file Pulumi wrote.`,
  );
}

/**
 * Refuses a state file (`resources` at `path`) in which two live resources share a URN: one
 * would hide the other. A resource pending deletion (`delete: true`) shares its replacement's URN.
 */
export function checkStateUrns(
  file: string,
  states: readonly ResourceState[] | null | undefined,
  path: string,
): void {
  const seen = new Map<string, number>();
  (states ?? []).forEach((state, index) => {
    if (state.delete === true) return;
    const previous = seen.get(state.urn);
    if (previous !== undefined) {
      throw duplicate(file, state.urn, `${path}[${previous}]`, `${path}[${index}]`);
    }
    seen.set(state.urn, index);
  });
}

/**
 * Refuses a preview in which one resource has two steps other than those of a replacement or a
 * refresh (`refresh`, then the drift it found). Resources pending deletion share a URN with their
 * replacement; their recorded ids tell them apart.
 */
export function checkStepUrns(
  file: string,
  steps: readonly {
    readonly op: string;
    readonly urn: string;
    readonly oldState?: { readonly id?: string | undefined } | null | undefined;
  }[],
): void {
  const planned = new Map<string, number>();
  steps.forEach((step, index) => {
    if (REPLACEMENT_OPS.has(step.op) || step.op === REFRESH_OP) return;
    const key = `${step.urn}#${step.oldState?.id ?? ""}`;
    const previous = planned.get(key);
    if (previous !== undefined) {
      throw duplicate(file, step.urn, `steps[${previous}]`, `steps[${index}]`);
    }
    planned.set(key, index);
  });
}
