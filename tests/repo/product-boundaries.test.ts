import { spawnSync } from "node:child_process";
import { PROJECT_DIR } from "../helpers/temp-project";

/**
 * ESLint's API with only the boundary rule and no type-aware program (the file does not exist),
 * run in a child process: ESLint loads its config as an ES module, which jest's sandbox refuses.
 */
const LINT = `
import { ESLint } from "eslint";
const { filePath, code } = JSON.parse(process.env.LINT_INPUT);
const eslint = new ESLint({
  ruleFilter: ({ ruleId }) => ruleId === "@typescript-eslint/no-restricted-imports",
  overrideConfig: { languageOptions: { parserOptions: { project: null } } },
});
const [result] = await eslint.lintText(code, { filePath });
process.stdout.write(JSON.stringify(result.messages.map((m) => m.message)));
`;

/** The messages of the product-boundary rule for `code` as if it were the file at `filePath`. */
function boundaryErrors(filePath: string, code: string): string[] {
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", LINT], {
    cwd: PROJECT_DIR,
    env: { ...process.env, LINT_INPUT: JSON.stringify({ filePath, code }) },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}

describe("the product boundaries inside parity/", () => {
  it.each([
    ["verification", "parity/verify/new.ts", 'import { normalise } from "../graph/normalise";'],
    [
      "cost and quotas",
      "parity/capacity/new.ts",
      'import { diffGraphs } from "../diff/diff-graphs";',
    ],
    ["the checker", "parity/check/new.ts", 'import { selectStacks } from "../pr-stacks/select";'],
    [
      "pull-request stacks",
      "parity/pr-stacks/new.ts",
      'import { stackCost } from "../capacity/cost";',
    ],
    ["a shared module", "parity/new.ts", 'import { verifyEnvironment } from "./verify/verify";'],
  ])("refuses %s importing another product's internals", (_who, file, code) => {
    const errors = boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Another product's (internals|module)/);
  });

  it.each([
    ["cost and quotas", "parity/capacity/new.ts", 'import { planStacks } from "../check/plan";'],
    [
      "pull-request stacks",
      "parity/pr-stacks/new.ts",
      'import { readCapacityConfig } from "../capacity/config";',
    ],
    ["the checker", "parity/check/new.ts", 'import { normalise } from "../graph/normalise";'],
    [
      "the commands",
      "parity/cli/commands/new.ts",
      'import { verifyEnvironment } from "../../verify/verify";',
    ],
  ])("lets %s import through an entry module or within its own product", (_who, file, code) => {
    expect(boundaryErrors(file, code)).toEqual([]);
  });
});
