import { Pool, type PoolClient } from "pg";
import type { AppConfig, DatabaseTarget, DatabaseTls } from "./config";

/** Connections per pool and task; the database's max_connections must cover tasks × 2 pools. */
export const POOL_SIZE = 10;

/** A pool for `target`; with `verify-full` the server certificate must verify. */
export function createPool(target: DatabaseTarget, tls: DatabaseTls): Pool {
  return new Pool({
    ...target,
    max: POOL_SIZE,
    connectionTimeoutMillis: 5000,
    ssl: tls === "verify-full" ? { rejectUnauthorized: true } : false,
  });
}

/** The writer pool and the reader pool (one pool when both point at the same endpoint). */
export function createPools(config: AppConfig): { writer: Pool; reader: Pool } {
  const writer = createPool(config.writer, config.databaseTls);
  const reader =
    config.reader === config.writer ? writer : createPool(config.reader, config.databaseTls);
  return { writer, reader };
}

/**
 * Runs `body` in one transaction on a connection of `pool`: COMMIT when it resolves, ROLLBACK
 * when it throws (a connection that cannot even roll back is closed, not reused).
 */
export async function inTransaction<T>(
  pool: Pool,
  body: (transaction: PoolClient) => Promise<T>,
): Promise<T> {
  const connection = await pool.connect();
  let broken: Error | undefined;
  try {
    await connection.query("BEGIN");
    const result = await body(connection);
    await connection.query("COMMIT");
    return result;
  } catch (error) {
    await connection.query("ROLLBACK").catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    connection.release(broken);
  }
}
