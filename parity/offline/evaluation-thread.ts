import path from "node:path";
import { Worker } from "node:worker_threads";
import { UserError } from "../../components/errors";
import { programFailure } from "./program-failure";
import { TAKEN, type EvaluationReply, type EvaluationRequest } from "./evaluation-protocol";

/** How long one evaluation of the team's program may take, and how much heap it may use. */
export interface EvaluationLimits {
  /** Seconds one stack's evaluation may take (`--program-timeout`). */
  readonly timeoutSeconds: number;
  /** MiB of V8's old generation the evaluating thread may use (`--program-memory`). */
  readonly memoryMib: number;
}

/**
 * The limits when a command is given none: far above what a program of thousands of resources
 * takes under the mocks (this project's four stacks: about 2 s and 200 MiB), and below what ends
 * a 2 GiB CI runner.
 */
export const DEFAULT_LIMITS: EvaluationLimits = { timeoutSeconds: 120, memoryMib: 1024 };

/** The options that raise each limit, named by the messages. */
export const LIMIT_OPTIONS = { timeout: "--program-timeout", memory: "--program-memory" } as const;

const WORKER_FILE = path.join(__dirname, "evaluation-worker.js");

/** Evaluation threads that have not exited, for checking that a stopped one is gone. */
const live = new Set<Worker>();

/** How many evaluation threads are running (idle or not). */
export function liveThreads(): number {
  return live.size;
}

interface Pending {
  /** The thread that evaluates it. */
  readonly worker: Worker;
  readonly request: EvaluationRequest;
  readonly what: string;
  readonly limits: EvaluationLimits;
  /** Set when the thread takes the request. */
  timer?: NodeJS.Timeout;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

function errorOf(reply: Exclude<EvaluationReply, { ok: true }>): Error {
  if (reply.user) return new UserError(reply.message);
  const error = new Error(reply.message);
  error.name = reply.name;
  error.stack = reply.stack;
  return error;
}

/** Why a thread that stopped did not answer `pending`. */
function stoppedError(pending: Pending, code: number): UserError {
  return new UserError(
    `the program stopped before it finished evaluating ${pending.what} (exit code ${code}): it called process.exit, or waits for a promise that never settles. Fix the program, then run parity again.`,
  );
}

function outOfMemoryError(pending: Pending): UserError {
  return new UserError(
    `the program ran out of memory (limit ${pending.limits.memoryMib} MiB) while evaluating ${pending.what}. Fix the program, or raise the limit with ${LIMIT_OPTIONS.memory} <MiB>.`,
  );
}

/**
 * What the program threw outside any promise (a timer's callback, say), which ends the thread: for
 * a stack, the program failure naming its file and line; anything else as it is.
 */
function thrown(pending: Pending, error: Error): Error {
  const { request } = pending;
  if (request.kind !== "stack") return error;
  return programFailure(error, request.options.projectDir, request.options.stack);
}

function deadlineError(pending: Pending): UserError {
  return new UserError(
    `the program did not finish evaluating ${pending.what} within ${pending.limits.timeoutSeconds} s. Fix the program (an endless loop?), or raise the limit with ${LIMIT_OPTIONS.timeout} <seconds>.`,
  );
}

/**
 * A worker thread that evaluates the team's program, so that a program that never finishes or
 * allocates without end stops the evaluation with one line, not the process: the thread's heap is
 * capped by V8 (`resourceLimits`), and the thread is terminated at the deadline. It is kept for
 * the next evaluation (the program's modules, the SDK and the component library stay loaded, as
 * in one process) and answers one request at a time; one that stopped is replaced by the next
 * request. Idle, it keeps no process alive.
 */
class EvaluationThread {
  private worker: Worker | undefined;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly memoryMib: number) {}

  /** Starts the thread, when none runs, before the first request. */
  prepare(): void {
    this.worker ??= this.start();
  }

  /** Evaluates `request` after every request before it; `what` names it in messages. */
  run<T>(request: EvaluationRequest, what: string, limits: EvaluationLimits): Promise<T> {
    const result = this.queue.then(() => this.send(request, what, limits)) as Promise<T>;
    this.queue = result.catch(() => undefined);
    return result;
  }

  private start(): Worker {
    const worker = new Worker(WORKER_FILE, {
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMib },
    });
    worker.on("message", (reply: EvaluationReply | typeof TAKEN) => {
      if (reply === TAKEN) {
        this.startDeadline(worker);
        return;
      }
      const pending = this.settle(worker);
      if (pending === undefined) return;
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(errorOf(reply));
    });
    worker.on("error", (error: Error & { code?: string }) => {
      this.forget(worker);
      const pending = this.settle(worker);
      if (pending === undefined) return;
      pending.reject(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? outOfMemoryError(pending)
          : thrown(pending, error),
      );
    });
    live.add(worker);
    worker.on("exit", (code) => {
      live.delete(worker);
      this.forget(worker);
      const pending = this.settle(worker);
      if (pending !== undefined) pending.reject(stoppedError(pending, code));
    });
    // Last: a listener added to the thread's port would hold the process again.
    worker.unref();
    return worker;
  }

  private forget(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
  }

  /**
   * The request `worker` has in flight, which is no longer: its deadline is cleared, the thread
   * idles. Undefined when `worker` has none (a thread stopped after its request was answered).
   */
  private settle(worker: Worker): Pending | undefined {
    const pending = this.pending;
    if (pending?.worker !== worker) return undefined;
    this.pending = undefined;
    clearTimeout(pending.timer);
    worker.unref();
    return pending;
  }

  private send(
    request: EvaluationRequest,
    what: string,
    limits: EvaluationLimits,
  ): Promise<unknown> {
    const worker = (this.worker ??= this.start());
    return new Promise((resolve, reject) => {
      this.pending = { worker, request, what, limits, resolve, reject };
      worker.ref();
      worker.postMessage(request);
    });
  }

  /**
   * The deadline of `worker`'s request, counted from when the thread took it: a thread that was
   * still loading the SDK does not shorten the program's time.
   */
  private startDeadline(worker: Worker): void {
    const pending = this.pending;
    if (pending?.worker !== worker) return;
    pending.timer = setTimeout(() => {
      this.forget(worker);
      void worker.terminate();
      const stopped = this.settle(worker);
      if (stopped !== undefined) stopped.reject(deadlineError(stopped));
    }, pending.limits.timeoutSeconds * 1000);
  }
}

/** One evaluation thread per heap limit, shared by every command of the process. */
const threads = new Map<number, EvaluationThread>();

function threadFor(limits: EvaluationLimits): EvaluationThread {
  let thread = threads.get(limits.memoryMib);
  if (thread === undefined) {
    thread = new EvaluationThread(limits.memoryMib);
    threads.set(limits.memoryMib, thread);
  }
  return thread;
}

/**
 * Starts the evaluation thread for `limits` now, so that it loads the SDK while the command
 * loads the rest of itself.
 */
export function prepareThread(limits: EvaluationLimits): void {
  threadFor(limits).prepare();
}

/** Runs `request` in the evaluation thread for `limits` (see {@link EvaluationThread}). */
export function evaluateInThread<T>(
  request: EvaluationRequest,
  what: string,
  limits: EvaluationLimits,
): Promise<T> {
  return threadFor(limits).run<T>(request, what, limits);
}
