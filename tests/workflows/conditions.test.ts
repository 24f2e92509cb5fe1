import { readdirSync } from "node:fs";
import path from "node:path";
import type { Step } from "@actions/workflow-parser/model/workflow-template";
import { loadAction, loadWorkflow } from "./harness/load";
import { ROOT } from "./harness/steps";

const workflows = readdirSync(path.join(ROOT, ".github/workflows"))
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => `.github/workflows/${file}`);
const actions = readdirSync(path.join(ROOT, ".github/actions")).map(
  (dir) => `.github/actions/${dir}`,
);

/**
 * `if: >-` followed by `${{ … }}` over several lines is, to GitHub's parser, text around an
 * expression: `format('…{0}…', …)`, a non-empty string, so always true. No condition of ours may
 * be one (none uses format()).
 */
const STRING_AROUND_EXPRESSION = /\bformat\(/;

function stepConditions(steps: readonly Step[]): string[] {
  return steps.flatMap((step) =>
    "if" in step && step.if !== undefined ? [step.if.expression] : [],
  );
}

describe.each(workflows)("%s", (file) => {
  it("has no job or step condition that is a string around an expression", async () => {
    const { template } = await loadWorkflow(file);
    const conditions = template.jobs.flatMap((job) => [
      job.if.expression,
      ...("steps" in job ? stepConditions(job.steps) : []),
    ]);
    expect(conditions.filter((condition) => STRING_AROUND_EXPRESSION.test(condition))).toEqual([]);
  });
});

describe.each(actions)("%s", (dir) => {
  it("has no step condition that is a string around an expression", () => {
    const { template } = loadAction(dir);
    const steps = template.runs.using === "composite" ? template.runs.steps : [];
    expect(stepConditions(steps).filter((c) => STRING_AROUND_EXPRESSION.test(c))).toEqual([]);
  });
});
