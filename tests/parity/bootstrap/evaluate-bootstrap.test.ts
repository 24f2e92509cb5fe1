import { readFileSync } from "node:fs";
import path from "node:path";
import { evaluateBootstrap } from "../../../parity/bootstrap/evaluate-bootstrap";
import { TempProject } from "../../helpers/temp-project";

describe("the bootstrap's program failing", () => {
  it("is named by its file from the checked project's folder, with its TypeScript line", async () => {
    const project = new TempProject();
    try {
      const anchor = "export function defineBootstrap(";
      project.edit(
        "bootstrap/program.ts",
        anchor,
        `throw new Error("no organisation");\n${anchor}`,
      );
      const lines = readFileSync(path.join(project.dir, "bootstrap/program.ts"), "utf8").split(
        "\n",
      );
      const line = lines.findIndex((text) => text.includes("no organisation")) + 1;
      await expect(evaluateBootstrap(project.dir)).rejects.toThrow(
        `bootstrap/program.ts:${line}: the program failed while evaluating stack org: no organisation. Fix the program, then run parity again.`,
      );
    } finally {
      project.cleanup();
    }
  }, 60_000);
});
