import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { UserError } from "../../../components/errors";
import { evaluateStack, type EvaluatedStack } from "../../../parity/offline/evaluate";
import { liveThreads } from "../../../parity/offline/evaluation-thread";
import { Evaluations } from "../../../parity/offline/evaluations";
import { sourceLine } from "../../../parity/offline/source-line";
import { until } from "../../helpers/until";
import { PROJECT_DIR, TempProject } from "../../helpers/temp-project";

const MAIN = "infra/index.ts";

/**
 * `stack` without source positions. Stack frames in this jest worker may be mapped to TypeScript
 * lines through the source maps of suites that ran earlier in it (jest installs its source map
 * support process-wide); Node maps nothing in the evaluation thread (nor in the CLI). Positions
 * are checked on their own below.
 */
function withoutPositions(stack: EvaluatedStack): EvaluatedStack {
  return {
    ...stack,
    resources: stack.resources.map((r) => ({ ...r, sourcePosition: undefined })),
  };
}

/** The TypeScript line of the first line of `file` that contains `text`. */
function lineOf(file: string, text: string): number {
  return (
    readFileSync(file, "utf8")
      .split("\n")
      .findIndex((l) => l.includes(text)) + 1
  );
}
const EXPORT = "export = defineStack(spec);";

describe("evaluations in their own thread", () => {
  // One copy for every broken program: each test puts its line before the export, then removes it.
  const copy = new TempProject();
  afterAll(() => {
    copy.cleanup();
  });
  /** Evaluates staging of the copy with `line` in its main module, under `limits`. */
  async function withLine(
    line: string,
    limits: { timeoutSeconds?: number; memoryMib?: number },
  ): Promise<unknown> {
    copy.edit(MAIN, EXPORT, `${line}\n${EXPORT}`);
    try {
      return await new Evaluations({ limits }).evaluate({ projectDir: copy.dir, stack: "staging" });
    } finally {
      copy.edit(MAIN, `${line}\n${EXPORT}`, EXPORT);
    }
  }

  it("arrive as the same plain data an evaluation in this thread returns", async () => {
    const inThread = await new Evaluations().evaluate({ projectDir: PROJECT_DIR, stack: "prod" });
    const here = await evaluateStack({ projectDir: PROJECT_DIR, stack: "prod" });

    expect(inThread.resources.length).toBeGreaterThan(50);
    expect(withoutPositions(inThread)).toEqual(withoutPositions(here));
    expect(JSON.stringify(withoutPositions(inThread))).toBe(JSON.stringify(withoutPositions(here)));
    // The thread's positions are the transpiled module's, which the renderers map to TypeScript.
    const image = inThread.resources.find((r) => r.name === "app-image")?.sourcePosition;
    const file = path.join(PROJECT_DIR, "components/aws/container-service.ts");
    expect(image?.uri).toBe(pathToFileURL(file).href);
    expect(sourceLine(file, image?.line ?? 0, image?.column ?? 0)).toBe(
      lineOf(file, "new ContainerImage("),
    );
  });

  it("stop a program that never finishes at the deadline, and the next evaluation runs", async () => {
    const before = liveThreads();
    // A heap limit of its own: a thread no other test shares.
    const endless = withLine("while (pulumi.getStack() !== '') { /* forever */ }", {
      timeoutSeconds: 2,
      memoryMib: 999,
    });

    await expect(endless).rejects.toThrow(
      new UserError(
        "the program did not finish evaluating stack staging within 2 s. Fix the program (an endless loop?), or raise the limit with --program-timeout <seconds>.",
      ),
    );
    // The endless thread is terminated, not left spinning on a core.
    await until("the stopped thread to exit", () => Promise.resolve(liveThreads() === before));
    const next = await new Evaluations({ limits: { memoryMib: 999 } }).evaluate({
      projectDir: copy.dir,
      stack: "prod",
    });
    expect(next.resources.length).toBeGreaterThan(50);
  });

  it("stop a program that allocates without end at the memory limit", async () => {
    const hog = withLine(
      "const hog: number[][] = []; for (;;) hog.push(new Array(1e6).fill(pulumi.getStack().length));",
      { memoryMib: 96 },
    );

    await expect(hog).rejects.toThrow(
      new UserError(
        "the program ran out of memory (limit 96 MiB) while evaluating stack staging. Fix the program, or raise the limit with --program-memory <MiB>.",
      ),
    );
  });

  it("refuse a program that ends the process, which would otherwise read as a finished run", async () => {
    await expect(withLine("process.exit(0);", {})).rejects.toThrow(
      new UserError(
        "the program stopped before it finished evaluating stack staging (exit code 0): it called process.exit, or waits for a promise that never settles. Fix the program, then run parity again.",
      ),
    );
  });
});
