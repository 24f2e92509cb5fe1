// npm run mutate:workflows: applies each deliberate breakage of MUTATIONS alone to a scratch copy of
// the checkout, runs the tests that must catch it there, and reports each as caught or missed.
// Exits 1 when any mutation survives, 2 when one no longer applies.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MUTATIONS, type Mutation } from "./mutations";
import { scratchCopy } from "./scratch";

const ROOT = path.resolve(__dirname, "../../..");

function applied(text: string, mutation: Mutation): string {
  const at = text.indexOf(mutation.from);
  if (at < 0 || text.indexOf(mutation.from, at + 1) >= 0) {
    process.stderr.write(
      `mutate:workflows: "${mutation.name}" no longer applies: its text is not in ${mutation.file} exactly once\n`,
    );
    process.exit(2);
  }
  return text.slice(0, at) + mutation.to + text.slice(at + mutation.from.length);
}

/** Whether the test files pass in `scratch`. */
function pass(scratch: string, files: readonly string[]): boolean {
  const run = spawnSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/jest/bin/jest.js"),
      "--ci",
      "--silent",
      ...files.map((file) => `tests/workflows/${file}`),
    ],
    { cwd: scratch, stdio: "ignore" },
  );
  return run.status === 0;
}

const scratch = scratchCopy(ROOT);
let missed = 0;
try {
  // A test that fails before any mutation would count every mutation as caught.
  const all = [...new Set(MUTATIONS.flatMap((m) => m.caughtBy))];
  if (!pass(scratch, all)) {
    process.stderr.write(
      `mutate:workflows: ${all.join(", ")} fail without any mutation; fix them first\n`,
    );
    process.exit(2);
  }
  for (const mutation of MUTATIONS) {
    const file = path.join(scratch, mutation.file);
    const original = readFileSync(file, "utf8");
    writeFileSync(file, applied(original, mutation));
    const verdict = !pass(scratch, mutation.caughtBy);
    writeFileSync(file, original);
    if (!verdict) missed++;
    process.stdout.write(
      `${verdict ? "caught" : "MISSED"}  ${mutation.name} (${mutation.file}; ${mutation.caughtBy.join(", ")})\n`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(
  `${String(MUTATIONS.length - missed)} of ${String(MUTATIONS.length)} mutations caught\n`,
);
process.exitCode = missed === 0 ? 0 : 1;
