import { execFileSync, spawnSync } from "node:child_process";
import {
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { UserError } from "../../../components/errors";
import { exitCodeFor } from "../../../parity/cli/exit";
import { checkOutputs, writeOutput } from "../../../parity/cli/report-output";
import { MAX_DOCUMENT_BYTES } from "../../../parity/sources/input-file";
import { EXPORT, REFRESH_LOG } from "../artifacts";
import { PROJECT_DIR } from "../project";
import { runCli } from "./run-cli";

const dir = mkdtempSync(path.join(os.tmpdir(), "parity-bad-input-"));
const exportText = readFileSync(EXPORT, "utf8");
const previewOf = (steps: string) => `{"steps": ${steps}}`;

function file(name: string, content: string | Buffer): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

const FIFO = path.join(dir, "no-writer.fifo");
execFileSync("mkfifo", [FIFO]);
const OVERSIZE = file("oversize.json", "");
truncateSync(OVERSIZE, MAX_DOCUMENT_BYTES + 1);
const DEEP = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
const DEEP_EXPORT = file("deep.json", exportText.replace('"acl": "private"', `"acl": ${DEEP}`));
const DEEP_PREVIEW = file("deep.preview.json", previewOf(DEEP));
const HUGE_EXPORT = file(
  "huge.json",
  JSON.stringify({ version: 3, deployment: { manifest: {}, resources: Array(200_000).fill(0) } }),
);
const HUGE_PREVIEW = file("huge.preview.json", previewOf(JSON.stringify(Array(200_000).fill(0))));
const NULL_EXPORT = file("null.json", '{"version": 3, "deployment": null}');
const NULL_STEP = file("null-step.json", previewOf("[null]"));
const UTF16 = file("utf16.json", Buffer.from(`\ufeff${exportText}`, "utf16le"));
const BOM = file("bom.json", `\ufeff${exportText}`);

describe.each([
  ["diff", (input: string) => ["diff", input, EXPORT]],
  ["drift", (input: string) => ["drift", input]],
])("parity %s refuses bad input with one line and exit 2", (_command, argsFor) => {
  it.each([
    [
      "nested 10,000 deep",
      DEEP_EXPORT,
      DEEP_PREVIEW,
      "nests arrays and objects more than 100 levels deep",
    ],
    [
      "a 200,000-element array of the wrong things",
      HUGE_EXPORT,
      HUGE_PREVIEW,
      "expected object, received number",
    ],
    ["null where an object belongs", NULL_EXPORT, NULL_STEP, "expected object, received null"],
    ["/dev/zero", "/dev/zero", "/dev/zero", "is a character device; pass a file Pulumi wrote."],
    ["a FIFO with no writer", FIFO, FIFO, "is a FIFO (named pipe); pass a file Pulumi wrote."],
    ["a directory", dir, dir, "is a directory; pass a file Pulumi wrote."],
    [
      "a file over the size limit",
      OVERSIZE,
      OVERSIZE,
      "is 257 MiB, over the 256 MiB limit for one JSON document",
    ],
    ["UTF-16", UTF16, UTF16, "file is UTF-16 (little-endian); save it as UTF-8 without a BOM."],
    [
      "UTF-8 with a BOM",
      BOM,
      BOM,
      "file is UTF-8 with a byte order mark; save it as UTF-8 without a BOM.",
    ],
  ])("%s", async (_what, forDiff, forDrift, problem) => {
    const input = _command === "diff" ? forDiff : forDrift;
    const result = await runCli(...argsFor(input));

    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^parity: [^\n]*\n$/);
    expect(result.stderr).toContain(`${input}: `);
    expect(result.stderr).toContain(problem);
  });

  it.each([
    [
      "--json",
      "/nonexistent/x.json",
      "--json /nonexistent/x.json: cannot be written: directory /nonexistent does not exist. Create it or give another path.",
    ],
    ["--markdown", dir, `--markdown ${dir}: is a directory; give the path of a file to write.`],
    [
      "--json",
      `${EXPORT}/x.json`,
      `--json ${EXPORT}/x.json: cannot be written (ENOTDIR): a part of the path is a file, not a directory. Give the path of a file in a directory.`,
    ],
    [
      "--markdown",
      FIFO,
      `--markdown ${FIFO}: is a FIFO that no process reads, so writing to it would fail or wait for ever; give the path of a file to write.`,
    ],
  ])("an output path that cannot be written (%s %s)", async (flag, target, message) => {
    const input = _command === "diff" ? EXPORT : REFRESH_LOG;
    const result = await runCli(...argsFor(input), flag, target);

    expect(result).toEqual({ code: 2, stdout: "", stderr: `parity: ${message}\n` });
  });
});

describe("the parity binary", () => {
  it("answers a FIFO and /dev/zero at once instead of waiting on them", () => {
    const run = spawnSync(process.execPath, ["parity/cli/bin.js", "drift", FIFO, "/dev/zero"], {
      cwd: PROJECT_DIR,
      encoding: "utf8",
      timeout: 20_000,
    });

    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`parity: ${FIFO}: is a FIFO (named pipe); pass a file Pulumi wrote.\n`);
  });

  it("prints its version", () => {
    const run = spawnSync(process.execPath, ["parity/cli/bin.js", "--version"], {
      cwd: PROJECT_DIR,
      encoding: "utf8",
    });
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as {
      version: string;
    };

    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${pkg.version}\n`);
  });
});

describe("exit codes of errors", () => {
  const lines = (error: unknown, debug: boolean) => {
    const out: string[] = [];
    const code = exitCodeFor(error, (line) => out.push(line), debug);
    return { code, out };
  };

  it("print an internal error as one line with exit 3, pointing at --debug", () => {
    expect(lines(new TypeError("x is not a function"), false)).toEqual({
      code: 3,
      out: ["parity: internal error: x is not a function (run with --debug for the stack trace)"],
    });
  });

  it("print an internal error's stack trace with --debug", () => {
    const { code, out } = lines(new TypeError("x is not a function"), true);

    expect(code).toBe(3);
    expect(out[0]).toMatch(/^parity: internal error: TypeError: x is not a function\n\s+at /);
  });

  it("print bad input as one line with exit 2", () => {
    expect(lines(new UserError("a.json: no such file."), true)).toEqual({
      code: 2,
      out: ["parity: a.json: no such file."],
    });
  });
});

describe("large but valid input", () => {
  it("diffs exports whose input holds a 200,000-element array, finding the one changed element", async () => {
    const big = Array.from({ length: 200_000 }, (_, i) => i);
    const withArray = (values: number[]) =>
      file(
        `big-${values[7]}.json`,
        exportText.replace('"acl": "private"', `"acl": ${JSON.stringify(values)}`),
      );

    const result = await runCli(
      "diff",
      withArray(big),
      withArray([...big.slice(0, 7), 70, ...big.slice(8)]),
    );

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('aws:s3/bucket:Bucket "docs" acl.7: in ');
    expect(result.stdout).toContain("✗ Parity broken: 1 finding (Parity).");
  });
});

describe("writing a report to a FIFO", () => {
  it("writes to a FIFO a process reads, as /dev/stdout on a pipe is, and then ends its input", () => {
    const fifo = path.join(dir, "read.fifo");
    execFileSync("mkfifo", [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      checkOutputs({ json: fifo });
      writeOutput("--json", fifo, '{"verdict":"pass"}\n');
      const read = Buffer.alloc(64);

      expect(read.toString("utf8", 0, readSync(reader, read))).toBe('{"verdict":"pass"}\n');
      expect(readSync(reader, read)).toBe(0);
    } finally {
      closeSync(reader);
    }
  });
});
