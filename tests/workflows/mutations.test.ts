import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./harness/steps";
import { MUTATIONS } from "./mutate/mutations";

describe.each(MUTATIONS.map((m) => [m.name, m] as const))("mutation %s", (_name, mutation) => {
  it("finds its text exactly once in its file, so npm run mutate:workflows can apply it", () => {
    const text = readFileSync(path.join(ROOT, mutation.file), "utf8");
    expect(text.split(mutation.from)).toHaveLength(2);
    expect(mutation.to).not.toBe(mutation.from);
  });

  it("names test files that exist", () => {
    expect(mutation.caughtBy.filter((file) => !existsSync(path.join(__dirname, file)))).toEqual([]);
  });
});

it("has at least 12 mutations", () => {
  expect(MUTATIONS.length).toBeGreaterThanOrEqual(12);
});
