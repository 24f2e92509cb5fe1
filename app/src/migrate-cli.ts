import { loadConfig } from "./config";
import { createPool, passwordsFor } from "./db";
import { migrate, MigrationRefused } from "./migrations";

/** `node dist/migrate-cli.js`: brings the writer's schema up to date; exit 1 on a refusal. */
async function run(): Promise<number> {
  const config = loadConfig(process.env);
  const pool = createPool(config.writer, config.databaseTls, passwordsFor(config)(config.writer));
  try {
    const result = await migrate(pool);
    process.stdout.write(
      `schema at version ${result.version}; applied: ${result.applied.length === 0 ? "none" : result.applied.join(", ")}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof MigrationRefused) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  void run().then((code) => {
    process.exitCode = code;
  });
}
