import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { Pool, type PoolClient, type PoolConfig } from "pg";
import type { AppConfig, DatabaseTarget, DatabaseTls } from "./config";
import {
  fixedPassword,
  isPasswordRefused,
  secretPassword,
  type PasswordSource,
} from "./credentials";

/** Connections per pool and task; the database's max_connections must cover tasks × 2 pools. */
export const POOL_SIZE = 10;

type ConnectCallback = (
  error: Error | undefined,
  client: PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * A pool that takes every new connection's password from a {@link PasswordSource} and, when the
 * database refuses it (rotated since it was fetched), fetches it again and connects once more.
 * `query` connects through `connect`, so it is covered too. Connections already open are not
 * affected by a rotation: PostgreSQL checks a password only when a connection starts.
 */
class RotatingPasswordPool extends Pool {
  constructor(
    config: PoolConfig,
    private readonly passwords: PasswordSource,
  ) {
    super({ ...config, password: () => passwords.password() });
  }

  override connect(): Promise<PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<PoolClient> | undefined {
    const connected = this.connectWithCurrentPassword();
    if (callback === undefined) return connected;
    connected.then(
      (client) => {
        callback(undefined, client, (release) => {
          client.release(release instanceof Error || release === true ? release : undefined);
        });
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)), undefined, () => {
          // nothing was checked out
        });
      },
    );
    return undefined;
  }

  private async connectWithCurrentPassword(): Promise<PoolClient> {
    try {
      return await super.connect();
    } catch (error) {
      if (!isPasswordRefused(error)) throw error;
      this.passwords.refused();
      return super.connect();
    }
  }
}

/** A pool for `target` with passwords from `passwords`; with `verify-full` the certificate must verify. */
export function createPool(
  target: DatabaseTarget,
  tls: DatabaseTls,
  passwords: PasswordSource = fixedPassword(target.password),
): Pool {
  return new RotatingPasswordPool(
    {
      host: target.host,
      port: target.port,
      database: target.database,
      user: target.user,
      max: POOL_SIZE,
      connectionTimeoutMillis: 5000,
      ssl: tls === "verify-full" ? { rejectUnauthorized: true } : false,
    },
    passwords,
  );
}

/**
 * The password source of each target: the database secret (`DB_SECRET_ARN`, one source shared by
 * both pools) when configured, else the target's own password.
 */
export function passwordsFor(config: AppConfig): (target: DatabaseTarget) => PasswordSource {
  const secret = config.databaseSecret;
  if (secret === undefined) return (target) => fixedPassword(target.password);
  const shared = secretPassword(new SecretsManagerClient({ region: secret.region }), secret.arn);
  return () => shared;
}

/** The writer pool and the reader pool (one pool when both point at the same endpoint). */
export function createPools(config: AppConfig): { writer: Pool; reader: Pool } {
  const passwords = passwordsFor(config);
  const writer = createPool(config.writer, config.databaseTls, passwords(config.writer));
  const reader =
    config.reader === config.writer
      ? writer
      : createPool(config.reader, config.databaseTls, passwords(config.reader));
  return { writer, reader };
}

/**
 * Runs `body` with one connection of `pool` checked out. While it is held, a connection the server
 * ends between two queries (a failover, an idle timeout) fails the next query instead of emitting
 * an unheard `error` that would stop the process. When `body` throws, the connection is closed,
 * not reused: closing also rolls back any transaction it left open.
 */
export async function withConnection<T>(
  pool: Pool,
  body: (connection: PoolClient) => Promise<T>,
): Promise<T> {
  const connection = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  connection.on("error", onError);
  try {
    return await body(connection);
  } catch (error) {
    broken ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    connection.removeListener("error", onError);
    connection.release(broken);
  }
}

/** Runs `body` in one transaction on a connection of `pool`: COMMIT when it resolves. */
export function inTransaction<T>(
  pool: Pool,
  body: (transaction: PoolClient) => Promise<T>,
): Promise<T> {
  return withConnection(pool, async (connection) => {
    await connection.query("BEGIN");
    const result = await body(connection);
    await connection.query("COMMIT");
    return result;
  });
}
