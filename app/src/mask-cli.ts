import { maskDatabase, MaskingFailed, renderReport } from "./masking/mask";
import { MaskingRefused } from "./masking/plan";
import { loadRules } from "./masking/rules";
import { runOnWriter } from "./writer-cli";

/**
 * `node dist/mask-cli.js`: masks the writer's database as masking-rules.yaml says and prints
 * each rule's verification; exit 1 when the rules do not fit the schema or the verification
 * finds an unmasked value (nothing is changed then). Only ever pointed at a clone.
 */
if (require.main === module) {
  const rules = loadRules();
  runOnWriter(
    async (pool) => {
      const report = await maskDatabase(pool, rules);
      process.stdout.write(
        [...renderReport(report), "masking verified: no unmasked value remains", ""].join("\n"),
      );
    },
    [MaskingRefused, MaskingFailed],
  );
}
