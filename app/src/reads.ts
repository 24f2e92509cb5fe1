import type { ClientBase, Pool, PoolClient } from "pg";
import type { ReadStrategyName } from "./config";
import { withConnection } from "./db";
import { hasSeen, isFreshnessToken } from "./freshness";

/** Which pool served a read. */
export type ReadTarget = "reader" | "writer";

/** A read: one or more queries on the connection it is given. */
export type Read<T> = (connection: Pick<ClientBase, "query">) => Promise<T>;

/** How often a waiting read asks the reader again whether it has caught up. */
const POLL_INTERVAL_MS = 10;

/** Decides, per read, where it runs, and runs it there. */
export interface ReadRouter {
  /** `token`: the freshness token of the session's last write (its cookie), if it wrote. */
  read<T>(token: string | undefined, read: Read<T>): Promise<{ from: ReadTarget; result: T }>;
}

/** The writer and reader pools a router chooses between. */
export interface ReadPools {
  readonly writer: Pool;
  readonly reader: Pool;
}

/** Always the reader: what code does when it forgets replicas lag. Kept to prove the check fails. */
export function naiveRouter({ reader }: ReadPools): ReadRouter {
  return {
    async read(_token, read) {
      return { from: "reader", result: await read(reader) };
    },
  };
}

/**
 * Read-your-writes with a session freshness token (see `freshness.ts`). A session that wrote
 * reads from the reader only once the reader's marker has reached its token; it waits up to
 * `waitMs` for that and otherwise reads from the writer.
 *
 * The check and the read share one connection and one REPEATABLE READ snapshot: behind Aurora's
 * reader endpoint, two connections may reach two readers with different lag, and a marker seen in
 * one snapshot says nothing about a later one.
 */
export function readYourWritesRouter({ writer, reader }: ReadPools, waitMs: number): ReadRouter {
  return {
    async read(token, read) {
      if (token === undefined || !isFreshnessToken(token)) {
        return { from: "reader", result: await read(reader) };
      }
      const deadline = Date.now() + waitMs;
      const fresh = await withConnection(reader, async (connection) => {
        for (;;) {
          const seen = await inSnapshot(connection, async () =>
            (await hasSeen(connection, token)) ? { result: await read(connection) } : undefined,
          );
          if (seen !== undefined || Date.now() >= deadline) return seen;
          await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
        }
      });
      if (fresh !== undefined) return { from: "reader", ...fresh };
      return { from: "writer", result: await read(writer) };
    },
  };
}

/** Runs `body` in one read-only REPEATABLE READ transaction on `connection`. */
async function inSnapshot<T>(connection: PoolClient, body: () => Promise<T>): Promise<T> {
  await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const result = await body();
  await connection.query("COMMIT");
  return result;
}

/** The router for a configured strategy. */
export function routerFor(
  strategy: ReadStrategyName,
  pools: ReadPools,
  waitMs: number,
): ReadRouter {
  return strategy === "naive" ? naiveRouter(pools) : readYourWritesRouter(pools, waitMs);
}
