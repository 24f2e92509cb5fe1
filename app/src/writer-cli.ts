import type { Pool } from "pg";
import { ConfigError, loadConfig, type AppConfig } from "./config";
import { createPool, passwordsFor } from "./db";

/** An error class whose message is the whole report of a refusal (exit 1, no stack trace). */
type Refusal = abstract new (...args: never[]) => Error;

/**
 * How a one-off command of the image runs against the writer (`migrate-cli`, `mask-cli`): the
 * environment contract read (a mistake in it is one line and exit 2, as for the server), one pool,
 * `work` run on it, and the pool closed whatever happens. A refusal prints its report and exits 1;
 * anything else is a bug and is thrown with its trace.
 */
export function runOnWriter(
  work: (pool: Pool) => Promise<void>,
  refusals: readonly Refusal[],
): void {
  const run = async (): Promise<number> => {
    let config: AppConfig;
    try {
      config = loadConfig(process.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`app: ${error.message}\n`);
      return 2;
    }
    const pool = createPool(config.writer, config.databaseTls, passwordsFor(config)(config.writer));
    try {
      await work(pool);
      return 0;
    } catch (error) {
      if (refusals.some((refusal) => error instanceof refusal)) {
        process.stderr.write(`${(error as Error).message}\n`);
        return 1;
      }
      throw error;
    } finally {
      await pool.end();
    }
  };
  void run().then((code) => {
    process.exitCode = code;
  });
}
