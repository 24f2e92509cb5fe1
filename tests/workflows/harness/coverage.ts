import { runSteps } from "./steps";
import { unexecutedSteps } from "./run-step";

/**
 * Adds the last test of a workflow's test file: every `run:` step of `file` was executed by one of
 * the tests before it. tests/workflows/coverage.test.ts checks that every workflow and action has
 * a test file that calls this.
 */
export function itExecutesEveryRunStep(file: string): void {
  it(`executes every run: step of ${file}`, () => {
    const steps = runSteps(file);
    expect(steps.length).toBeGreaterThan(0);
    expect(unexecutedSteps(steps)).toEqual([]);
  });
}
