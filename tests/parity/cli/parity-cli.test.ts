import { spawnSync } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { EXPORT, tempFile, UPDATE_PREVIEW } from "../artifacts";
import { copyProject, PROJECT_DIR } from "../project";
import { visibleComment } from "../render/rendered-comment";

const BIN = path.join(PROJECT_DIR, "parity/cli/bin.js");

/** Runs the `parity` bin in `cwd` and returns its exit code and output. */
function parity(args: string[], cwd = PROJECT_DIR) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the parity command", () => {
  it("lists its commands in --help", () => {
    const { code, stdout } = parity(["--help"]);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}plan \[options\] +Evaluate every committed stack/m);
    expect(stdout).toMatch(/^ {2}diff \[options\] <a> <b> +Compare two stacks/m);
  });

  it("plan passes on the committed stacks and writes the JSON and markdown reports", () => {
    const json = tempFile("plan.json", "");
    const markdown = tempFile("plan.md", "");
    const { code, stdout } = parity(["plan", "--json", json, "--markdown", markdown]);

    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toBe("✓ Plan holds.");
    expect(stdout).toMatch(/^ {2}✓ Parity +staging ↔ prod the same, .* · pr-1 ↔ staging the same/m);
    expect(JSON.parse(readFileSync(json, "utf8"))).toMatchObject({ verdict: "pass", findings: [] });
    const comment = readFileSync(markdown, "utf8");
    expect(comment.split("\n")[0]).toBe("## ✅ Plan holds");
    // A passing plan's comment fits one screen before anything is unfolded.
    const visible = visibleComment(comment);
    expect(visible.lines).toBeLessThanOrEqual(40);
    expect(Math.max(...visible.tableColumns)).toBeLessThanOrEqual(5);
  });

  it("diff exits 1 with the finding when two artifacts diverge", () => {
    const { code, stdout } = parity(["diff", EXPORT, UPDATE_PREVIEW]);

    expect(code).toBe(1);
    expect(stdout).toContain('✗ Parity: aws:lambda/function:Function "docsHandler" code: in ');
    expect(stdout.trimEnd().split("\n").at(-1)).toBe("✗ Parity broken: 1 finding (Parity).");
  });

  it.each([
    [
      ["diff", "stagin", "prod"],
      'parity: unknown stack "stagin" (did you mean "staging"?). Allowed: a committed stack (prod, staging), pr-<number>, or the path of a Pulumi JSON file.',
    ],
    [
      ["diff", "staging", "prdo"],
      'parity: unknown stack "prdo" (did you mean "prod"?). Allowed: a committed stack (prod, staging), pr-<number>, or the path of a Pulumi JSON file.',
    ],
    [["diff", "/nonexistent/a.json", "prod"], "parity: /nonexistent/a.json: no such file."],
  ])("exits 2 with one clear line for %j", (args, message) => {
    const { code, stdout, stderr } = parity(args);

    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`${message}\n`);
  });

  it("refuses a bad argument before it evaluates the other", () => {
    const dir = copyProject();
    // Evaluating staging first would stop at this mistake instead.
    appendFileSync(path.join(dir, "Pulumi.staging.yaml"), "  parity-stack:dbReplicas: 0\n");
    const { code, stdout, stderr } = parity(["diff", "staging", "pr-abc"], dir);

    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'parity: unknown stack "pr-abc". Allowed: a committed stack (prod, staging), pr-<number>, or the path of a Pulumi JSON file.\n',
    });
  });

  it("finds Pulumi.yaml upwards when run in a directory inside the project, as pulumi does", () => {
    const { code, stderr } = parity(["diff", "staging", "prdo"], path.join(PROJECT_DIR, "infra"));

    // The committed stacks are listed: the project was found.
    expect({ code, stderr }).toEqual({
      code: 2,
      stderr:
        'parity: unknown stack "prdo" (did you mean "prod"?). Allowed: a committed stack (prod, staging), pr-<number>, or the path of a Pulumi JSON file.\n',
    });
  });

  it("exits 2 with one line outside any project", () => {
    const outside = path.dirname(tempFile("not-a-project.txt", ""));
    const { code, stderr } = parity(["plan"], outside);

    expect({ code, stderr }).toEqual({
      code: 2,
      stderr: `parity: no Pulumi.yaml in ${outside} or any directory above it. Fix: run parity in the project (the directory holding Pulumi.yaml) or a directory inside it.\n`,
    });
  });

  it("exits 2 saying where a truncated file ends, without a stack trace", () => {
    const file = tempFile("truncated.json", readFileSync(EXPORT, "utf8").slice(0, 3000));
    const { code, stderr } = parity(["diff", file, "prod"]);

    expect(code).toBe(2);
    expect(stderr).toBe(
      `parity: ${file}: JSON ends too early, the file looks truncated at line 73, column 43. Produce the file again.\n`,
    );
  });

  it("exits 2 with the loader's message when a stack file sets a topology key", () => {
    const dir = copyProject();
    const file = path.join(dir, "Pulumi.staging.yaml");
    // The file ends with a newline: the appended key starts on the line after its last.
    const line = readFileSync(file, "utf8").split("\n").length;
    appendFileSync(file, "  parity-stack:dbReplicas: 0\n");
    const { code, stderr } = parity(["plan"], dir);

    expect(code).toBe(2);
    expect(stderr).toBe(
      `parity: Pulumi.staging.yaml:${line}:3: parity-stack:dbReplicas: is a topology key and must be identical in every stack, so a stack file may not set it. Allowed: set it only in Pulumi.yaml's project config. Fix: remove it from Pulumi.staging.yaml; to change it for every stack, change its default in Pulumi.yaml.\n`,
    );
  });

  it("exits 2 with one line per config mistake of a stack file, each at its line", () => {
    const dir = copyProject();
    const file = path.join(dir, "Pulumi.staging.yaml");
    const line = readFileSync(file, "utf8").split("\n").length;
    appendFileSync(file, "  parity-stack:azCount: 3\n  parity-stack:taskCPU: 512\n");
    const { code, stdout, stderr } = parity(["plan"], dir);

    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toBe(
      [
        `parity: Pulumi.staging.yaml:${line}:3: parity-stack:azCount: is a topology key and must be identical in every stack, so a stack file may not set it. Allowed: set it only in Pulumi.yaml's project config. Fix: remove it from Pulumi.staging.yaml; to change it for every stack, change its default in Pulumi.yaml.`,
        `parity: Pulumi.staging.yaml:${line + 1}:3: parity-stack:taskCPU: is not a config key of this project (did you mean "parity-stack:taskCpu"?). Allowed: the keys declared in stacks/keys.ts. Fix: correct or remove it; a new knob is declared once in stacks/keys.ts.`,
        "",
      ].join("\n"),
    );
  });
});
