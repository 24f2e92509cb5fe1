import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { childFailure, runChecked } from "./child-process";

describe("runChecked", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "child-process-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("returns what the command printed when it exits with 0", () => {
    expect(runChecked("echo", "echo", ["hello"], {})).toBe("hello\n");
  });

  it("names the system error when the program cannot start, such as a file that is not executable", () => {
    const script = path.join(dir, "not-executable");
    writeFileSync(script, "#!/bin/sh\n");
    chmodSync(script, 0o644);
    expect(() => runChecked("not-executable", script, [], {})).toThrow(
      new Error(`not-executable could not run: spawnSync ${script} EACCES`),
    );
  });

  it.each([
    {
      what: "a non-zero status with stderr and stdout",
      script: "echo progress; echo 'initdb: error: cannot create directory' >&2; exit 3",
      message:
        "sh exited with status 3\n--- stderr ---\ninitdb: error: cannot create directory\n--- stdout ---\nprogress",
    },
    {
      what: "the signal that killed it",
      script: "kill -TERM $$",
      message: "sh was killed by SIGTERM",
    },
  ])("reports $what", ({ script, message }) => {
    expect(() => runChecked("sh", "sh", ["-c", script], {})).toThrow(new Error(message));
  });
});

describe("childFailure", () => {
  it("quotes only the end of long output, where the error is", () => {
    const failure = childFailure("initdb", {
      status: 1,
      signal: null,
      stdout: null,
      stderr: `${"x".repeat(5000)}\nthe real error`,
    });
    expect(failure).toBe(
      `initdb exited with status 1\n--- stderr ---\n…${"x".repeat(3985)}\nthe real error`,
    );
  });
});
