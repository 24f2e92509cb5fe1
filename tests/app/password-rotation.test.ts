import { Pool } from "pg";
import { fixedPassword, secretPassword, type PasswordSource } from "../../app/src/credentials";
import { createPool } from "../../app/src/db";
import { migrate } from "../../app/src/migrations";
import { startApp, type RunningApp } from "../helpers/app-server";
import { startReplicatedPostgres, testPool, type ReplicatedPostgres } from "../helpers/postgres";
import { startSecretsManagerStub, type SecretsManagerStub } from "../helpers/secrets-manager-stub";

const ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-1-AbCdEf";
/** The application's login; the superuser `postgres` keeps trust authentication for the test. */
const APP_USER = "app";

let pg: ReplicatedPostgres | undefined;
let admin: { primary: Pool; replica: Pool };
let stub: SecretsManagerStub;
const closers: (() => Promise<void>)[] = [];
/** The app's pools, to wait until they have noticed their connections were ended. */
const appPools: Pool[] = [];

function cluster(): ReplicatedPostgres {
  if (pg === undefined) throw new Error("PostgreSQL did not start");
  return pg;
}

/**
 * The shared servers trust every loopback login. This test needs PostgreSQL to check passwords,
 * so it rewrites each server's pg_hba.conf through SQL (COPY … TO the file `hba_file` names) and
 * reloads: the superuser and replication stay trusted, everyone else must give a SCRAM password.
 */
async function requirePasswords(server: Pool): Promise<void> {
  const file = await server.query<{ hba_file: string }>("SHOW hba_file");
  const path = file.rows[0]?.hba_file ?? "";
  const lines = [
    "host all postgres 127.0.0.1/32 trust",
    "host replication postgres 127.0.0.1/32 trust",
    `host all ${APP_USER} 127.0.0.1/32 scram-sha-256`,
  ];
  const escapedPath = path.replaceAll("'", "''");
  await server.query(
    `COPY (SELECT line FROM unnest(ARRAY['${lines.join("','")}']) AS line) TO '${escapedPath}'`,
  );
  await server.query("SELECT pg_reload_conf()");
}

/**
 * Ends the app's open connections, as an idle timeout or a failover does, and waits until its
 * pools have dropped them: the next request opens a new connection, which checks the password.
 */
async function dropAppConnections(): Promise<void> {
  for (const server of [admin.primary, admin.replica]) {
    await server.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
      [APP_USER],
    );
  }
  const deadline = Date.now() + 5000;
  while (appPools.some((pool) => pool.totalCount > 0)) {
    if (Date.now() > deadline) throw new Error("the app's pools kept their ended connections");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Rotates the password as RDS does: the database first, then the secret's current value. */
async function rotate(password: string): Promise<void> {
  await admin.primary.query(`ALTER ROLE ${APP_USER} PASSWORD '${password}'`);
  stub.secretString = JSON.stringify({ username: APP_USER, password });
  await dropAppConnections();
}

/** The app against both servers as `app`, with its passwords from `passwords`. */
async function appWith(passwords: PasswordSource): Promise<RunningApp> {
  const target = (port: number) => ({
    host: "127.0.0.1",
    port,
    database: "postgres",
    user: APP_USER,
    password: "",
  });
  const writer = createPool(target(cluster().primary.port), "disable", passwords);
  const reader = createPool(target(cluster().replica.port), "disable", passwords);
  for (const pool of [writer, reader]) {
    pool.on("error", () => undefined);
    appPools.push(pool);
  }
  const app = await startApp({ writer, reader, readStrategy: "read-your-writes", releaseId: "r1" });
  closers.push(
    () => app.close(),
    () => writer.end(),
    () => reader.end(),
  );
  return app;
}

async function writeAndRead(app: RunningApp, slug: string): Promise<[number, number]> {
  const written = await fetch(`${app.url}/notes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ slug, body: slug }),
  });
  if (written.status !== 201) return [written.status, 0];
  const { id } = (await written.json()) as { id: string };
  const cookie = written.headers.getSetCookie()[0]?.split(";")[0] ?? "";
  const read = await fetch(`${app.url}/notes/${id}`, { headers: { cookie } });
  return [written.status, read.status];
}

beforeAll(async () => {
  pg = await startReplicatedPostgres(0);
  admin = { primary: testPool(pg.primary.url()), replica: testPool(pg.replica.url()) };
  await migrate(admin.primary);
  await admin.primary.query(`CREATE ROLE ${APP_USER} LOGIN PASSWORD 'first-password'`);
  await admin.primary.query(
    `GRANT SELECT, INSERT, UPDATE ON notes, write_marks, schema_migrations TO ${APP_USER}`,
  );
  await admin.primary.query(`GRANT USAGE ON SEQUENCE notes_id_seq TO ${APP_USER}`);
  await requirePasswords(admin.primary);
  await requirePasswords(admin.replica);
  stub = await startSecretsManagerStub(
    ARN,
    JSON.stringify({ username: APP_USER, password: "first-password" }),
  );
});

afterAll(async () => {
  try {
    for (const close of closers) await close();
    await stub.close();
    await Promise.all([admin.primary.end(), admin.replica.end()]);
  } finally {
    await pg?.stop();
  }
});

describe("the master password rotating under a running app", () => {
  it("keeps writes and reads working: the app fetches the new password when the old one is refused", async () => {
    const app = await appWith(secretPassword(stub.client, ARN));
    const before = await writeAndRead(app, "before-rotation");
    const fetchesBefore = stub.requests.length;

    await rotate("second-password");
    const after = await writeAndRead(app, "after-rotation");

    expect(before).toEqual([201, 200]);
    expect(fetchesBefore).toBe(1);
    expect(after).toEqual([201, 200]);
    expect(stub.requests).toHaveLength(2);
    expect(app.errors).toEqual([]);
  });

  it("breaks an app that was handed the password once at start, as ECS secrets are", async () => {
    const current = JSON.parse(stub.secretString) as { password: string };
    const app = await appWith(fixedPassword(current.password));
    const before = await writeAndRead(app, "fixed-before");

    await rotate("third-password");
    const after = await writeAndRead(app, "fixed-after");

    expect(before).toEqual([201, 200]);
    expect(after).toEqual([500, 0]);
    expect(app.errors.join("\n")).toContain(
      `password authentication failed for user "${APP_USER}"`,
    );
  });
});
