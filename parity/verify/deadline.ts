import { UserError } from "../../components/errors";

/**
 * The time a whole `parity verify` run may take. Its timer holds the process open, so a run whose
 * requests neither answer nor fail (a proxy that accepts connections and drops them) ends with
 * this error instead of an event loop that empties with nothing decided.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  /** Rejects with the deadline's error when the time is up; never resolves. */
  readonly expired: Promise<never>;

  constructor(readonly ms: number) {
    const error = new UserError(
      `verify: the checks did not finish within ${ms} ms (--deadline). Check that the environment answers, or raise --deadline.`,
    );
    let reject: (reason: Error) => void = () => undefined;
    this.expired = new Promise<never>((_resolve, fail) => {
      reject = fail;
    });
    this.timer = setTimeout(() => {
      this.controller.abort(error);
      reject(error);
    }, ms);
    // Rejections of `expired` are observed through race(); this keeps an unraced one quiet.
    this.expired.catch(() => undefined);
  }

  /** Aborted when the time is up: requests stop with the deadline's error. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** `work`'s result, or the deadline's error when the time runs out first; the timer is cleared. */
  async race<T>(work: Promise<T>): Promise<T> {
    try {
      return await Promise.race([work, this.expired]);
    } finally {
      clearTimeout(this.timer);
    }
  }
}
