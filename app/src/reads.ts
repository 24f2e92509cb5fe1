import type { Pool } from "pg";
import type { ReadStrategyName } from "./config";

/** Which pool serves a read. */
export type ReadTarget = "reader" | "writer";

/** A WAL position as PostgreSQL prints a `pg_lsn`: two hex numbers, e.g. `0/3000148`. */
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

/** How often a waiting read asks the replica how far it has replayed. */
const POLL_INTERVAL_MS = 10;

/** True for a well-formed WAL position, the only form a session token may take. */
export function isLsn(value: string): boolean {
  return LSN.test(value);
}

/** Decides, per read, whether the reader can answer it. */
export interface ReadRouter {
  /** `sessionLsn`: the WAL position of the session's last write, if it wrote. */
  route(sessionLsn: string | undefined): Promise<ReadTarget>;
}

/** Always the reader: what code does when it forgets replicas lag. Kept to prove the check fails. */
export const naiveRouter: ReadRouter = {
  route: () => Promise.resolve("reader"),
};

/**
 * Read-your-writes: a session that wrote reads from the reader only once the reader has replayed
 * past the write's WAL position (`pg_last_wal_replay_lsn()` ≥ the writer's `pg_current_wal_lsn()`
 * after the write); it waits up to `waitMs` for that and otherwise reads from the writer. A reader
 * that is not a standby (no replay position) is never trusted with a session's read.
 */
export function readYourWritesRouter(reader: Pool, waitMs: number): ReadRouter {
  return {
    async route(sessionLsn) {
      if (sessionLsn === undefined || !isLsn(sessionLsn)) return "reader";
      const deadline = Date.now() + waitMs;
      for (;;) {
        const result = await reader.query<{ caught_up: boolean | null }>(
          "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught_up",
          [sessionLsn],
        );
        if (result.rows[0]?.caught_up === true) return "reader";
        if (result.rows[0]?.caught_up !== false || Date.now() >= deadline) return "writer";
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
    },
  };
}

/** The router for a configured strategy. */
export function routerFor(strategy: ReadStrategyName, reader: Pool, waitMs: number): ReadRouter {
  return strategy === "naive" ? naiveRouter : readYourWritesRouter(reader, waitMs);
}
