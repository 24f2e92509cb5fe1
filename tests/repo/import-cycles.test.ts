import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { importCycles } from "../helpers/import-cycles";

const ROOT = path.resolve(__dirname, "../..");

describe("import cycles", () => {
  it("the project's files import one another without a cycle", () => {
    expect(importCycles(ROOT)).toEqual([]);
  });

  describe("on a tiny project", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), "import-cycles-"));
      writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ include: ["*.ts"] }));
      writeFileSync(path.join(dir, "a.ts"), 'import { b } from "./b";\nexport const a = b;\n');
      writeFileSync(path.join(dir, "c.ts"), 'import { a } from "./a";\nexport const c = a;\n');
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it("finds none when the imports only go one way", () => {
      writeFileSync(path.join(dir, "b.ts"), "export const b = 1;\n");
      expect(importCycles(dir)).toEqual([]);
    });

    it("names the files of a cycle, type-only and lazy imports included", () => {
      writeFileSync(path.join(dir, "b.ts"), 'import type { c } from "./c";\nexport const b = 1;\n');
      writeFileSync(path.join(dir, "d.ts"), 'export const d = () => import("./d");\n');
      expect(importCycles(dir)).toEqual([["a.ts", "b.ts", "c.ts"], ["d.ts"]]);
    });
  });
});
