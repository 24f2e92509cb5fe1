import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { runSteps, ROOT } from "./harness/steps";

const TESTS = __dirname;
const files = [
  ...readdirSync(path.join(ROOT, ".github/workflows"))
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => `.github/workflows/${file}`),
  ...readdirSync(path.join(ROOT, ".github/actions")).map(
    (dir) => `.github/actions/${dir}/action.yml`,
  ),
];
const testTexts = readdirSync(TESTS)
  .filter((file) => file.endsWith(".test.ts"))
  .map((file) => readFileSync(path.join(TESTS, file), "utf8"));

describe.each(files)("%s", (file) => {
  it("has a test file that executes every one of its run: steps", () => {
    const covering = testTexts.filter(
      (text) => text.includes(`"${file}"`) && text.includes("itExecutesEveryRunStep("),
    );
    expect(covering).not.toHaveLength(0);
  });

  // An expression inside a script is pasted into the shell before it runs (script injection);
  // values reach scripts through env: instead, where the shell quotes them.
  it("keeps ${{ }} expressions out of run: scripts", () => {
    expect(runSteps(file).filter((step) => step.script.includes("${{"))).toEqual([]);
  });
});
