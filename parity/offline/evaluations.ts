import { evaluateBootstrap, type EvaluatedBootstrap } from "../bootstrap/evaluate-bootstrap";
import { evaluateStack, type EvaluatedStack, type EvaluateOptions } from "./evaluate";

/**
 * Offline evaluations one command shares between its parts (`parity plan` compares the stacks and
 * prices them from the same evaluations): each project, stack and config is evaluated once, and
 * each project's bootstrap once.
 */
export class Evaluations {
  private readonly done = new Map<string, Promise<EvaluatedStack>>();
  private readonly bootstraps = new Map<string, Promise<EvaluatedBootstrap>>();

  /** `stackTraces`: record stack traces in every evaluation (see {@link EvaluateOptions}). */
  constructor(private readonly settings: { readonly stackTraces?: boolean } = {}) {}

  evaluate(options: Omit<EvaluateOptions, "stackTraces">): Promise<EvaluatedStack> {
    const config = Object.entries(options.config ?? {}).sort(([a], [b]) => a.localeCompare(b));
    const key = JSON.stringify([options.projectDir, options.stack, config]);
    let evaluated = this.done.get(key);
    if (evaluated === undefined) {
      evaluated = evaluateStack({ ...options, stackTraces: this.settings.stackTraces });
      this.done.set(key, evaluated);
    }
    return evaluated;
  }

  /** The bootstrap next to `projectDir`'s Pulumi.yaml (see {@link evaluateBootstrap}). */
  bootstrap(projectDir: string): Promise<EvaluatedBootstrap> {
    let evaluated = this.bootstraps.get(projectDir);
    if (evaluated === undefined) {
      evaluated = evaluateBootstrap(projectDir);
      this.bootstraps.set(projectDir, evaluated);
    }
    return evaluated;
  }
}
