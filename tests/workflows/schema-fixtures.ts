import { migrate, MIGRATIONS } from "../../app/src/migrations";
import { snapshotLines } from "../../app/src/schema-cli";
import { readSchema } from "../../app/src/schema/snapshot";
import { startReplicatedPostgres, testPool, type ReplicatedPostgres } from "../helpers/postgres";

/**
 * A real PostgreSQL for whole runs of the schema-parity action: the docker stub's scratch
 * container is its `postgres` database, and two databases give the snapshot lines a live
 * database's snapshot task prints. Filled in by the test file's beforeAll.
 */
export interface LiveSchemas {
  /** What `node dist/schema-cli.js snapshot` prints for a database the migration history built. */
  clean: string[];
  /** The same for a database with an index applied by hand. */
  drifted: string[];
  /** The world's `docker` entry: where the scratch container's PostgreSQL listens. */
  docker(): { postgres: string };
  /** Empties the scratch database, as a new container starts, then runs `leftover` SQL in it. */
  resetScratch(leftover?: string): Promise<void>;
}

/** Starts the server before the file's tests and stops it after them. */
export function useLiveSchemas(): LiveSchemas {
  let postgres: ReplicatedPostgres | undefined;
  const server = (): ReplicatedPostgres => {
    if (postgres === undefined) throw new Error("useLiveSchemas: read before its beforeAll ran");
    return postgres;
  };
  async function snapshotOf(name: string, handApplied?: string): Promise<string[]> {
    const admin = testPool(server().primary.url("postgres"));
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const pool = testPool(server().primary.url(name));
    try {
      await migrate(pool, MIGRATIONS);
      if (handApplied !== undefined) await pool.query(handApplied);
      return snapshotLines(await readSchema(pool));
    } finally {
      await pool.end();
    }
  }
  const schemas: LiveSchemas = {
    clean: [],
    drifted: [],
    docker: () => ({ postgres: new URL(server().primary.url()).host }),
    async resetScratch(leftover) {
      const admin = testPool(server().primary.url("postgres"));
      try {
        await admin.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        if (leftover !== undefined) await admin.query(leftover);
      } finally {
        await admin.end();
      }
    },
  };
  beforeAll(async () => {
    postgres = await startReplicatedPostgres(0);
    schemas.clean = await snapshotOf("live_clean");
    schemas.drifted = await snapshotOf(
      "live_drifted",
      "CREATE INDEX notes_body_idx ON notes (body)",
    );
  }, 60_000);
  afterAll(async () => {
    await postgres?.stop();
  });
  return schemas;
}
