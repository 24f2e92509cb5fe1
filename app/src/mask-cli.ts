import { loadConfig } from "./config";
import { createPool, passwordsFor } from "./db";
import { maskDatabase, MaskingFailed, renderReport } from "./masking/mask";
import { MaskingRefused } from "./masking/plan";
import { loadRules } from "./masking/rules";

/**
 * `node dist/mask-cli.js`: masks the writer's database as masking-rules.yaml says and prints
 * each rule's verification; exit 1 when the rules do not fit the schema or the verification
 * finds an unmasked value (nothing is changed then). Only ever pointed at a clone.
 */
async function run(): Promise<number> {
  const config = loadConfig(process.env);
  const rules = loadRules();
  const pool = createPool(config.writer, config.databaseTls, passwordsFor(config)(config.writer));
  try {
    const report = await maskDatabase(pool, rules);
    process.stdout.write(
      [...renderReport(report), "masking verified: no unmasked value remains", ""].join("\n"),
    );
    return 0;
  } catch (error) {
    if (error instanceof MaskingRefused || error instanceof MaskingFailed) {
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
