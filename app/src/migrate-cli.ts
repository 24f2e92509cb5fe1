import { migrate, MigrationRefused, MIGRATIONS, PostCheckFailed } from "./migrations";
import { runOnWriter } from "./writer-cli";

/**
 * `node dist/migrate-cli.js`: brings the writer's schema up to date, printing each post-check that
 * passed; exit 1 on a refusal (a pre-check's violations or a failed post-check).
 */
if (require.main === module) {
  runOnWriter(
    async (pool) => {
      const result = await migrate(pool, MIGRATIONS, undefined, (line) => {
        process.stdout.write(`${line}\n`);
      });
      process.stdout.write(
        `schema at version ${result.version}; applied: ${result.applied.length === 0 ? "none" : result.applied.join(", ")}\n`,
      );
    },
    [MigrationRefused, PostCheckFailed],
  );
}
