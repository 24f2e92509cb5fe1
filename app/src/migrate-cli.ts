import { loadConfig } from "./config";
import { createPool, passwordsFor } from "./db";
import { migrate, MigrationRefused, MIGRATIONS, PostCheckFailed } from "./migrations";

/**
 * `node dist/migrate-cli.js`: brings the writer's schema up to date, printing each post-check that
 * passed; exit 1 on a refusal (a pre-check's violations or a failed post-check).
 */
async function run(): Promise<number> {
  const config = loadConfig(process.env);
  const pool = createPool(config.writer, config.databaseTls, passwordsFor(config)(config.writer));
  try {
    const result = await migrate(pool, MIGRATIONS, undefined, (line) => {
      process.stdout.write(`${line}\n`);
    });
    process.stdout.write(
      `schema at version ${result.version}; applied: ${result.applied.length === 0 ? "none" : result.applied.join(", ")}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof MigrationRefused || error instanceof PostCheckFailed) {
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
