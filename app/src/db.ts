import { Pool } from "pg";
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
