import { spawnSync } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { planParity } from "../../../parity/check/plan";
import { PROJECT_DIR, TempProject } from "../../helpers/temp-project";

const BIN = path.join(PROJECT_DIR, "parity/cli/bin.js");
const INDEX = "infra/index.ts";
const PROGRAM = "infra/program.ts";
const QUEUE = "aws:sqs/queue:Queue::jobs";

/** Adds `code` to the copied `file` just before its last statement (`export …`). */
function addToProgram(project: TempProject, file: string, code: string): TempProject {
  const anchor =
    file === INDEX ? "export = defineStack(spec);" : "  return {\n    stack: spec.stack,";
  return project
    .edit(file, "import ", `import * as aws from "@pulumi/aws";\nimport `)
    .edit(file, anchor, `${code}\n${anchor}`);
}

describe("parity plan evaluates what `pulumi up` runs, with any resource type", () => {
  const projects: TempProject[] = [];
  afterAll(() => {
    for (const p of projects) p.cleanup();
  });
  const project = () => {
    const created = new TempProject();
    projects.push(created);
    return created;
  };

  it("passes and lists a resource type the project never used when every stack creates it", async () => {
    const copy = addToProgram(
      project(),
      INDEX,
      // Pulumi.yaml disables the default aws provider, as `pulumi up` would honour.
      'new aws.sqs.Queue("jobs", { visibilityTimeoutSeconds: 30 }, { provider: new aws.Provider("jobs-aws", {}) });',
    );

    const report = await planParity({ projectDir: copy.dir });

    expect(report.findings).toEqual([]);
    expect(report.verdict).toBe("pass");
    for (const stack of ["staging", "prod", "pr-1"]) {
      const queue = report.stacks[stack]?.resources.find((r) => r.key === QUEUE);
      expect(queue?.inputs).toMatchObject({ visibilityTimeoutSeconds: 30 });
    }
  });

  it.each([
    [
      INDEX,
      'const jobsAws = new aws.Provider("jobs-aws", {});\nif (pulumi.getStack() === "prod") new aws.sqs.Queue("jobs", {}, { provider: jobsAws });',
    ],
    [
      PROGRAM,
      '  if (spec.stack === "prod") new aws.sqs.Queue("jobs", {}, { provider: providers.aws });',
    ],
  ])("fails naming a resource that %s creates in one stack only", async (file, code) => {
    const copy = addToProgram(project(), file, code);

    const report = await planParity({ projectDir: copy.dir });

    expect(report.verdict).toBe("fail");
    expect(report.findings.map((f) => [f.stacks, f.resource, f.kind, f.rule])).toEqual([
      [
        ["staging", "prod"],
        QUEUE,
        "only-in-b",
        "every stack creates the same resources: only prod has it",
      ],
    ]);
    // The finding points at the line of the program that registered the queue.
    const lines = readFileSync(path.join(copy.dir, file), "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes('new aws.sqs.Queue("jobs"')) + 1;
    expect(report.findings[0]?.where).toBe(`${file}:${line}`);
  });
});

describe("parity plan puts a difference down to a knob only when the knob causes it", () => {
  let copy: TempProject;
  afterEach(() => {
    copy.cleanup();
  });

  it("fails on a knob-driven property whose value the stack's name chooses", async () => {
    // The first logRetentionDays the program passes is the database's, for its PostgreSQL log.
    copy = new TempProject().edit(
      PROGRAM,
      "logRetentionDays: values.logRetentionDays,",
      'logRetentionDays: spec.stack === "prod" ? 365 : 14,',
    );

    const report = await planParity({ projectDir: copy.dir });

    expect(report.verdict).toBe("fail");
    expect(report.findings).toEqual([
      {
        kind: "input",
        resource: "aws:cloudwatch/logGroup:LogGroup::main-postgresql-log",
        property: "retentionInDays",
        a: 14,
        b: 365,
        rule: "inputs must be identical unless a declared knob differs: logRetentionDays is declared to drive it, but the difference remains in staging evaluated with prod's config, so something other than the config chose it",
        stacks: ["staging", "prod"],
        // The log group is registered inside the Database component.
        where: expect.stringMatching(/^components\/aws\/database\.ts:\d+$/) as string,
      },
    ]);
  });
});

describe("parity plan explains a difference by a knob only when the other's value comes out", () => {
  it("fails on a knob-driven property the swapped config changes without making it equal", async () => {
    const copy = new TempProject().edit(
      PROGRAM,
      "cpu: values.taskCpu,",
      'cpu: spec.stack === "prod" ? 512 : values.taskCpu,',
    );

    const report = await planParity({ projectDir: copy.dir });
    copy.cleanup();

    expect(report.verdict).toBe("fail");
    expect(report.findings.map((f) => [f.stacks, f.resource, f.property, f.a, f.b])).toEqual([
      [["staging", "prod"], "aws:ecs/taskDefinition:TaskDefinition::app-app", "cpu", "256", "512"],
      [
        ["staging", "prod"],
        "aws:ecs/taskDefinition:TaskDefinition::app-migrate",
        "cpu",
        "256",
        "512",
      ],
    ]);
  });
});

describe("parity plan with provider settings a user sets", () => {
  it("accepts a profile, skipped credentials validation and a token in one stack only", async () => {
    const copy = new TempProject()
      .setConfig("Pulumi.staging.yaml", "aws:profile", "staging-admin")
      .setConfig("Pulumi.staging.yaml", "aws:skipCredentialsValidation", true)
      .setConfig("Pulumi.staging.yaml", "cloudflare:apiToken", { secure: "v1:c2VjcmV0" });

    const report = await planParity({ projectDir: copy.dir });
    copy.cleanup();

    expect(report.findings).toEqual([]);
    const provider = report.stacks.staging?.resources.find((r) => r.key.endsWith("::aws"));
    // The profile is identity, normalised out like the hostname; provider inputs are strings.
    expect(provider?.inputs).toMatchObject({
      profile: "{aws:profile}",
      skipCredentialsValidation: "true",
    });
  });
});

describe("parity plan never passes on what it could not evaluate", () => {
  let copy: TempProject;
  beforeEach(() => {
    copy = new TempProject();
  });
  afterEach(() => {
    copy.cleanup();
  });
  const plan = (...options: string[]) => {
    const run = spawnSync(process.execPath, [BIN, ...options, "plan"], {
      cwd: copy.dir,
      encoding: "utf8",
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it("exits 2 naming an invoke that has no offline answer and where to declare it", () => {
    addToProgram(copy, INDEX, "export const partition = aws.getPartitionOutput().partition;");
    copy.edit(INDEX, "export = defineStack(spec);", "export const stack = defineStack(spec);");

    expect(plan()).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'parity: invoke aws:index/getPartition:getPartition has no offline answer. Fix: declare what it returns under "aws:index/getPartition:getPartition:" in parity/offline/invokes.yaml.\n',
    });
  });

  it("exits 2 naming a missing committed stack file", () => {
    copy.remove("Pulumi.staging.yaml");

    expect(plan()).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'parity: Pulumi.staging.yaml: not found, so stack "staging" cannot be compared and parity cannot be decided. Allowed: a committed stack file for each of staging, prod. Fix: restore Pulumi.staging.yaml next to Pulumi.yaml (git checkout -- Pulumi.staging.yaml).\n',
    });
  });

  /** The line of `copy`'s `file` that holds `text`, counting from 1. */
  const lineOf = (file: string, text: string) =>
    readFileSync(path.join(copy.dir, file), "utf8")
      .split("\n")
      .findIndex((l) => l.includes(text)) + 1;

  it.each([
    {
      file: INDEX,
      search: "export = defineStack(spec);",
      replacement: 'throw new TypeError("no stack today");',
      what: "TypeError: no stack today",
    },
    {
      file: PROGRAM,
      search: "import ",
      replacement: 'import "./no-such-module";\nimport ',
      what: "Cannot find module './no-such-module'",
    },
    {
      file: PROGRAM,
      search: "export function defineStack",
      replacement: "const broken = ;\nexport function defineStack",
      what: "Expression expected",
    },
    {
      file: INDEX,
      search: "export = defineStack(spec);",
      replacement:
        'export = { ...defineStack(spec), late: pulumi.output(1).apply(() => Promise.reject(new Error("no answer"))) };',
      what: "no answer",
    },
  ])(
    "exits 2 naming the line of $file where the program failed with $what",
    ({ file, search, replacement, what }) => {
      copy.edit(file, search, replacement);
      const line = lineOf(file, replacement.split("\n")[0] ?? "");

      expect(plan()).toEqual({
        code: 2,
        stdout: "",
        stderr: `parity: ${file}:${line}: the program failed while evaluating stack staging: ${what}. Fix the program, then run parity again.\n`,
      });
    },
  );

  it("exits 2 with one line naming the position of a YAML mistake in a stack file", () => {
    const file = path.join(copy.dir, "Pulumi.staging.yaml");
    // The file ends with a newline: the appended key starts on the line after its last.
    const line = readFileSync(file, "utf8").split("\n").length;
    appendFileSync(file, "config:\n  a: 1\n");

    expect(plan()).toEqual({
      code: 2,
      stdout: "",
      stderr: `parity: ${file}:${line}:1: is not valid YAML: Map keys must be unique. Fix that line.\n`,
    });
  });

  it("exits 2 when the program registers no resources", () => {
    copy.edit(INDEX, "export = defineStack(spec);", "export = { stack: spec.stack };");

    expect(plan()).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "parity: staging: the offline evaluation of infra/index.ts has no resources, so comparing it would prove nothing. Fix: make the program register the stack's resources.\n",
    });
  });
});
