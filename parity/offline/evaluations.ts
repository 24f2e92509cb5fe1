import type { EvaluatedBootstrap } from "../bootstrap/evaluate-bootstrap";
import type { EvaluatedStack, EvaluateOptions } from "./evaluate";
import {
  DEFAULT_LIMITS,
  evaluateInThread,
  prepareThread,
  type EvaluationLimits,
} from "./evaluation-thread";

export { DEFAULT_LIMITS, LIMIT_OPTIONS, type EvaluationLimits } from "./evaluation-thread";

/**
 * Offline evaluations one command shares between its parts (`parity plan` compares the stacks and
 * prices them from the same evaluations): each project, stack and config is evaluated once, and
 * each project's bootstrap once. They run one at a time in a worker thread, within `limits` (see
 * ./evaluation-thread.ts), and arrive as plain data.
 */
export class Evaluations {
  private readonly done = new Map<string, Promise<EvaluatedStack>>();
  private readonly bootstraps = new Map<string, Promise<EvaluatedBootstrap>>();
  private readonly limits: EvaluationLimits;

  /**
   * `stackTraces`: record stack traces in every evaluation (see {@link EvaluateOptions});
   * `limits`: the deadline and heap of each evaluation ({@link DEFAULT_LIMITS} when not given).
   */
  constructor(
    private readonly settings: {
      readonly stackTraces?: boolean;
      readonly limits?: Partial<EvaluationLimits>;
    } = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...settings.limits };
  }

  /**
   * Starts the evaluation thread now, for a command that will evaluate: it loads the SDK while
   * the command loads the rest of itself. A command that may read only files does not call it.
   */
  prepare(): this {
    prepareThread(this.limits);
    return this;
  }

  evaluate(options: Omit<EvaluateOptions, "stackTraces">): Promise<EvaluatedStack> {
    const config = Object.entries(options.config ?? {}).sort(([a], [b]) => a.localeCompare(b));
    const key = JSON.stringify([options.projectDir, options.stack, config]);
    let evaluated = this.done.get(key);
    if (evaluated === undefined) {
      const request = { ...options, stackTraces: this.settings.stackTraces };
      evaluated = evaluateInThread<EvaluatedStack>(
        { kind: "stack", options: request },
        `stack ${options.stack}`,
        this.limits,
      );
      this.done.set(key, evaluated);
    }
    return evaluated;
  }

  /** The bootstrap next to `projectDir`'s Pulumi.yaml (see evaluateBootstrap). */
  bootstrap(projectDir: string): Promise<EvaluatedBootstrap> {
    let evaluated = this.bootstraps.get(projectDir);
    if (evaluated === undefined) {
      evaluated = evaluateInThread<EvaluatedBootstrap>(
        { kind: "bootstrap", projectDir },
        "the bootstrap (bootstrap/)",
        this.limits,
      );
      this.bootstraps.set(projectDir, evaluated);
    }
    return evaluated;
  }
}
