import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { cliConfig, evaluateStack } from "../../parity/offline/evaluate";
import { OfflineMocks } from "../../parity/offline/mocks";
import { loadSpec } from "../../stacks/loader";
import { PIPELINE_CONFIG_SAMPLES } from "../../stacks/pipeline-config";
import { PROJECT_DIR, TempProject } from "../helpers/temp-project";

function load(stack: string, projectDir = PROJECT_DIR, extra: Record<string, string> = {}) {
  const { config } = cliConfig(projectDir, stack);
  return loadSpec({ projectDir, stack, config: { ...config, ...extra } });
}

/**
 * `message` (which names a file of `dir` first) as the loader places it: at the line and column
 * where `key` is written in that file, bare or in full.
 */
function placed(dir: string, message: string, key: string): string {
  const file = message.slice(0, message.indexOf(": "));
  const bare = key.replace(/^parity-stack:/, "");
  const lines = readFileSync(path.join(dir, file), "utf8").split("\n");
  const written = [bare, `parity-stack:${bare}`];
  const line = lines.findIndex((text) => written.some((k) => text.trim().startsWith(`${k}:`)));
  if (line < 0) throw new Error(`${file} does not write ${key}`);
  const column = (lines[line] ?? "").search(/\S/) + 1;
  return `${file}:${line + 1}:${column}${message.slice(file.length)}`;
}

describe("loading a committed stack", () => {
  it("types every value and records where it came from", () => {
    const spec = load("staging");
    expect(spec.values).toMatchObject({
      azCount: 3,
      dbReplicas: 2,
      dbEngineVersion: "16.11",
      dbMode: "provisioned",
      dbInstanceClass: "db.r7g.large",
      tier: "staging",
      hostname: "staging.parity-stack.dev",
      taskCpu: 256,
      dbServerlessMinAcu: 0.5,
      imageBuildContext: "app",
      imageRef: undefined,
    });
    expect(spec.sources.azCount).toBe(`${PROJECT_DIR}/Pulumi.yaml`);
    expect(spec.sources.hostname).toBe(`${PROJECT_DIR}/Pulumi.staging.yaml`);
    expect(spec.pullRequest).toBeUndefined();
  });

  it("gives production the same topology and its own knobs", () => {
    const [staging, prod] = [load("staging"), load("prod")];
    expect(prod.values.tier).toBe("production");
    expect(prod.values.dbReplicas).toBe(staging.values.dbReplicas);
    expect(prod.values.azCount).toBe(staging.values.azCount);
    expect(prod.values.dbInstanceClass).toBe("db.r7g.large");
    expect(prod.values.imageRef).toBe(PIPELINE_CONFIG_SAMPLES.prod?.imageRef);
  });

  it("refuses production before the pipeline set its image: none is committed", () => {
    expect(readFileSync(path.join(PROJECT_DIR, "Pulumi.prod.yaml"), "utf8")).not.toContain(
      "imageRef:",
    );
    const { config } = cliConfig(PROJECT_DIR, "prod");
    delete config["parity-stack:imageRef"];
    expect(() => loadSpec({ projectDir: PROJECT_DIR, stack: "prod", config })).toThrow(
      "Pulumi.prod.yaml: parity-stack:imageRef: is not set: production never builds its image, it runs the digest staging exported, which the promote pipeline sets before `pulumi up`. Allowed: repo@sha256:<64 hex>. Fix: pulumi config set parity-stack:imageRef <staging's exported imageRef> -s prod.",
    );
  });
});

describe("a pull-request stack", () => {
  it("is staging's config with identity overrides", () => {
    const spec = load("pr-42", PROJECT_DIR, { "parity-stack:expiresAt": "2026-12-01T00:00:00Z" });
    const staging = load("staging");
    expect(spec.pullRequest).toEqual({ number: 42, expiresAt: "2026-12-01T00:00:00Z" });
    expect(spec.values).toEqual({
      ...staging.values,
      tier: "preview",
      hostname: "pr-42-staging.parity-stack.dev",
      ownsZoneSettings: false,
      protect: false,
      deletionProtection: false,
      backupRetentionDays: 1,
      // Staging's data source, the masked snapshot of production, is the PR stack's too.
      imageRepositoryUrl: undefined,
      expiresAt: "2026-12-01T00:00:00Z",
    });
    expect(spec.sources.hostname).toBe("derived for pr-42 from staging");
    expect(spec.sources.taskCpu).toBe(`${PROJECT_DIR}/Pulumi.staging.yaml`);
  });

  it("shares its images with no other account, whatever staging does", () => {
    const project = new TempProject()
      .setConfig("Pulumi.staging.yaml", "parity-stack:imageRepositoryUrl", undefined)
      .setConfig("Pulumi.staging.yaml", "parity-stack:imagePullAccountIds", "210987654321");
    try {
      const extra = { "parity-stack:expiresAt": "2026-12-01T00:00:00Z" };
      const staging = load("staging", project.dir);
      const pr = load("pr-42", project.dir, extra);

      expect(staging.values.imagePullAccountIds).toBe("210987654321");
      expect(pr.values.imagePullAccountIds).toBeUndefined();
    } finally {
      project.cleanup();
    }
  });
});

describe("bad stack config", () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject();
  });
  afterEach(() => {
    project.cleanup();
  });

  it.each([
    {
      case: "a missing required key",
      edit: (p: TempProject) => p.setConfig("Pulumi.prod.yaml", "parity-stack:hostname", undefined),
      stack: "prod",
      message:
        'Pulumi.prod.yaml: parity-stack:hostname: is required and not set. Allowed: a lower-case DNS name such as "app.example.com". Fix: run: pulumi config set parity-stack:hostname <value> -s prod.',
    },
    {
      case: "a wrong type",
      at: "parity-stack:taskMemory",
      edit: (p: TempProject) => p.setConfig("Pulumi.prod.yaml", "parity-stack:taskMemory", "lots"),
      stack: "prod",
      message:
        'Pulumi.prod.yaml: parity-stack:taskMemory: must be an integer, got "lots". Allowed: a Fargate memory size in MiB: 512, a multiple of 1024 up to 30720, of 4096 up to 61440 or of 8192 up to 122880. Fix: run: pulumi config set parity-stack:taskMemory <value> -s prod.',
    },
    {
      case: "an out-of-range number",
      at: "parity-stack:maxTasks",
      edit: (p: TempProject) => p.setConfig("Pulumi.staging.yaml", "parity-stack:maxTasks", 500),
      stack: "staging",
      message:
        'Pulumi.staging.yaml: parity-stack:maxTasks: is out of range: got "500". Allowed: an integer from 1 to 100. Fix: run: pulumi config set parity-stack:maxTasks <value> -s staging.',
    },
    {
      case: "a database port the Database component refuses (one rule for both)",
      at: "dbPort",
      edit: (p: TempProject) =>
        p.setConfig("Pulumi.yaml", "dbPort", {
          type: "integer",
          description: "TCP port the database listens on.",
          default: 1100,
        }),
      stack: "staging",
      message:
        'Pulumi.yaml: parity-stack:dbPort: is out of range: got "1100". Allowed: an integer from 1150 to 65535. Fix: add or correct its entry under config: in Pulumi.yaml.',
    },
    {
      case: "an asset prefix the Cdn component refuses",
      at: "assetPathPrefix",
      edit: (p: TempProject) =>
        p.setConfig("Pulumi.yaml", "assetPathPrefix", {
          type: "string",
          description: "URL prefix of content-hashed static assets.",
          default: "/",
        }),
      stack: "staging",
      message:
        'Pulumi.yaml: parity-stack:assetPathPrefix: is out of range: got "/". Allowed: a URL path of lower-case segments that starts and ends with "/", such as "/assets/". Fix: add or correct its entry under config: in Pulumi.yaml.',
    },
    {
      case: "a value outside an enumeration",
      at: "parity-stack:taskCpu",
      edit: (p: TempProject) => p.setConfig("Pulumi.staging.yaml", "parity-stack:taskCpu", 300),
      stack: "staging",
      message:
        'Pulumi.staging.yaml: parity-stack:taskCpu: is out of range: got "300". Allowed: one of 256, 512, 1024, 2048, 4096, 8192, 16384. Fix: run: pulumi config set parity-stack:taskCpu <value> -s staging.',
    },
    {
      case: "an unknown key (a typo)",
      at: "parity-stack:taskCPU",
      edit: (p: TempProject) => p.setConfig("Pulumi.staging.yaml", "parity-stack:taskCPU", 512),
      stack: "staging",
      message:
        'Pulumi.staging.yaml: parity-stack:taskCPU: is not a config key of this project (did you mean "parity-stack:taskCpu"?). Allowed: the keys declared in stacks/keys.ts. Fix: correct or remove it; a new knob is declared once in stacks/keys.ts.',
    },
    {
      case: "a topology key in a stack file",
      at: "parity-stack:dbReplicas",
      edit: (p: TempProject) => p.setConfig("Pulumi.staging.yaml", "parity-stack:dbReplicas", 0),
      stack: "staging",
      message:
        "Pulumi.staging.yaml: parity-stack:dbReplicas: is a topology key and must be identical in every stack, so a stack file may not set it. Allowed: set it only in Pulumi.yaml's project config. Fix: remove it from Pulumi.staging.yaml; to change it for every stack, change its default in Pulumi.yaml.",
    },
    {
      case: "an engine mode change in a stack file",
      at: "parity-stack:dbMode",
      edit: (p: TempProject) =>
        p.setConfig("Pulumi.staging.yaml", "parity-stack:dbMode", "serverless"),
      stack: "staging",
      message:
        "Pulumi.staging.yaml: parity-stack:dbMode: is a topology key and must be identical in every stack, so a stack file may not set it. Allowed: set it only in Pulumi.yaml's project config. Fix: remove it from Pulumi.staging.yaml; to change it for every stack, change its default in Pulumi.yaml.",
    },
    {
      case: "Serverless v2 through the instance class",
      at: "parity-stack:dbInstanceClass",
      edit: (p: TempProject) =>
        p.setConfig("Pulumi.staging.yaml", "parity-stack:dbInstanceClass", "db.serverless"),
      stack: "staging",
      message:
        'Pulumi.staging.yaml: parity-stack:dbInstanceClass: is out of range: got "db.serverless". Allowed: a provisioned RDS instance class such as "db.r7g.large", not "db.serverless". Fix: run: pulumi config set parity-stack:dbInstanceClass <value> -s staging.',
    },
    {
      case: "a provisioned stack without an instance class",
      edit: (p: TempProject) =>
        p.setConfig("Pulumi.prod.yaml", "parity-stack:dbInstanceClass", undefined),
      stack: "prod",
      message:
        'Pulumi.prod.yaml: parity-stack:dbInstanceClass: is not set, but parity-stack:dbMode is "provisioned" in every stack, so each stack sizes its instances with a class. Allowed: a provisioned RDS instance class such as "db.r7g.large", not "db.serverless". Fix: pulumi config set parity-stack:dbInstanceClass db.r7g.large -s prod.',
    },
    {
      case: "an instance class when every stack is serverless",
      at: "parity-stack:dbInstanceClass",
      edit: (p: TempProject) =>
        p.setConfig("Pulumi.yaml", "dbMode", {
          type: "string",
          description: "Aurora engine mode of every instance.",
          default: "serverless",
        }),
      stack: "staging",
      message:
        'Pulumi.staging.yaml: parity-stack:dbInstanceClass: is set, but parity-stack:dbMode is "serverless" in every stack, whose instances are sized by their ACU range. Allowed: no instance class; parity-stack:dbServerlessMinAcu and parity-stack:dbServerlessMaxAcu instead. Fix: remove parity-stack:dbInstanceClass from Pulumi.staging.yaml.',
    },
    {
      case: "a stack with no stack file",
      edit: (p: TempProject) => p,
      stack: "qa",
      message:
        'Pulumi.qa.yaml: (stack file): stack "qa" has no stack file. Allowed: a committed stack (prod, staging) or pr-<number>. Fix: select one of those stacks, or create Pulumi.qa.yaml with this stack\'s scale and identity keys.',
    },
    {
      case: "a misspelt stack, with the committed stack it likely means",
      edit: (p: TempProject) => p,
      stack: "prdo",
      message:
        'Pulumi.prdo.yaml: (stack file): stack "prdo" has no stack file (did you mean "prod"?). Allowed: a committed stack (prod, staging) or pr-<number>. Fix: select one of those stacks, or create Pulumi.prdo.yaml with this stack\'s scale and identity keys.',
    },
    {
      case: "a pull-request stack without staging's file",
      edit: (p: TempProject) => p.remove("Pulumi.staging.yaml"),
      stack: "pr-7",
      message:
        'Pulumi.staging.yaml: (stack file): pull-request stack "pr-7" is derived from staging, which has no stack file. Allowed: Pulumi.staging.yaml next to Pulumi.yaml. Fix: commit Pulumi.staging.yaml.',
    },
    {
      case: "a secret written in plaintext",
      at: "cloudflare:apiToken",
      edit: (p: TempProject) => p.setConfig("Pulumi.prod.yaml", "cloudflare:apiToken", "abc123"),
      stack: "prod",
      message:
        "Pulumi.prod.yaml: cloudflare:apiToken: is a secret but is written in plaintext. Allowed: an encrypted value. Fix: remove the line and run: pulumi config set --secret cloudflare:apiToken <value>.",
    },
    {
      case: "production without deletion protection",
      at: "parity-stack:deletionProtection",
      edit: (p: TempProject) =>
        p.setConfig("Pulumi.prod.yaml", "parity-stack:deletionProtection", false),
      stack: "prod",
      message:
        'Pulumi.prod.yaml: parity-stack:deletionProtection: is false, but a production stack must keep its data from being deleted. Allowed: true when parity-stack:tier is "production". Fix: pulumi config set parity-stack:deletionProtection true -s prod.',
    },
    {
      case: "both image sources",
      at: "parity-stack:imageBuildContext",
      edit: (p: TempProject) =>
        p.setConfig(
          "Pulumi.staging.yaml",
          "parity-stack:imageRef",
          `repo@sha256:${"a".repeat(64)}`,
        ),
      stack: "staging",
      message:
        "Pulumi.staging.yaml: parity-stack:imageBuildContext / parity-stack:imageRef: both are set. Allowed: exactly one: a build context to build the image, or an image reference pinned by digest. Fix: set one and remove the other.",
    },
    {
      case: "image sharing in a stack that builds no image",
      at: "parity-stack:imagePullAccountIds",
      edit: (p: TempProject) =>
        p.setConfig("Pulumi.prod.yaml", "parity-stack:imagePullAccountIds", "210987654321"),
      stack: "prod",
      message:
        "Pulumi.prod.yaml: parity-stack:imagePullAccountIds: is set, but this stack builds no image and so has no repository to share. Allowed: only with parity-stack:imageBuildContext, in the stack that builds (staging). Fix: remove parity-stack:imagePullAccountIds from Pulumi.prod.yaml.",
    },
    {
      case: "a hostname outside the Cloudflare zone",
      at: "parity-stack:hostname",
      edit: (p: TempProject) =>
        p.setConfig("Pulumi.staging.yaml", "parity-stack:hostname", "staging.example.com"),
      stack: "staging",
      message:
        'Pulumi.staging.yaml: parity-stack:hostname: is "staging.example.com", which is not in parity-stack:cloudflareZone "parity-stack.dev". Allowed: "parity-stack.dev" or a name one label below it, such as "app.parity-stack.dev". Fix: change parity-stack:hostname, or set parity-stack:cloudflareZone to the zone that holds it.',
    },
    {
      case: "a hostname deeper than Cloudflare's Universal SSL certificate reaches",
      at: "parity-stack:hostname",
      edit: (p: TempProject) =>
        p.setConfig("Pulumi.staging.yaml", "parity-stack:hostname", "app.staging.parity-stack.dev"),
      stack: "staging",
      message:
        'Pulumi.staging.yaml: parity-stack:hostname: is "app.staging.parity-stack.dev", 2 labels below parity-stack:cloudflareZone "parity-stack.dev", where Cloudflare\'s Universal SSL certificate does not cover it. Allowed: "parity-stack.dev" or a name one label below it, such as "app.parity-stack.dev". Fix: change parity-stack:hostname, or set parity-stack:cloudflareZone to the zone that holds it.',
    },
    {
      case: "a memory size Fargate does not run with the CPU size",
      at: "parity-stack:taskMemory",
      edit: (p: TempProject) => p.setConfig("Pulumi.staging.yaml", "parity-stack:taskMemory", 4096),
      stack: "staging",
      message:
        "Pulumi.staging.yaml: parity-stack:taskMemory: is 4096, which Fargate does not run with parity-stack:taskCpu 256. Allowed: for 256 CPU units, one of 512, 1024, 2048. Fix: change parity-stack:taskMemory, or parity-stack:taskCpu to a size that allows 4096 MiB.",
    },
    {
      case: "fewer allowed tasks than required",
      at: "parity-stack:minTasks",
      edit: (p: TempProject) => p.setConfig("Pulumi.prod.yaml", "parity-stack:minTasks", 20),
      stack: "prod",
      message:
        "Pulumi.prod.yaml: parity-stack:minTasks: is 20, above parity-stack:maxTasks (12). Allowed: at most parity-stack:maxTasks. Fix: lower parity-stack:minTasks or raise parity-stack:maxTasks.",
    },
  ] as {
    case: string;
    at?: string;
    edit: (p: TempProject) => unknown;
    stack: string;
    message: string;
  }[])(
    "refuses $case with one message naming file, line, key, allowed values and fix",
    ({ edit, stack, message, at }) => {
      edit(project);
      const expected = at === undefined ? message : placed(project.dir, message, at);
      expect(() => load(stack, project.dir)).toThrow(new Error(expected));
    },
  );

  it("refuses a pull-request stack file that sets a key taken from staging", () => {
    project.setConfig("Pulumi.pr-5.yaml", "parity-stack:taskCpu", 4096);
    expect(() => load("pr-5", project.dir)).toThrow(
      /^Pulumi\.pr-5\.yaml:1:11: parity-stack:taskCpu: is taken from Pulumi\.staging\.yaml, a pull-request stack may not set it\. Allowed: parity-stack:expiresAt, cloudflare:apiToken, parity-stack:dbCloneSourceClusterId, parity-stack:dbSnapshotIdentifier\./,
    );
  });

  it("reports every mistake of the files in one run, each at its line, in the order they are written", () => {
    project
      .setConfig("Pulumi.yaml", "azCount", { type: "integer", description: "zones" })
      .setConfig("Pulumi.staging.yaml", "parity-stack:maxTasks", 500)
      .setConfig("Pulumi.staging.yaml", "parity-stack:taskCPU", 512)
      .setConfig("Pulumi.staging.yaml", "parity-stack:dbReplicas", 0);
    const messages = [
      placed(
        project.dir,
        'Pulumi.yaml: parity-stack:azCount: needs `type`, `description` and a `default`. Allowed: type: integer, a description, and a default that is an integer from 2 to 6. Fix: write it as { type: integer, description: "...", default: <value> }.',
        "azCount",
      ),
      placed(
        project.dir,
        'Pulumi.staging.yaml: parity-stack:maxTasks: is out of range: got "500". Allowed: an integer from 1 to 100. Fix: run: pulumi config set parity-stack:maxTasks <value> -s staging.',
        "maxTasks",
      ),
      placed(
        project.dir,
        'Pulumi.staging.yaml: parity-stack:taskCPU: is not a config key of this project (did you mean "parity-stack:taskCpu"?). Allowed: the keys declared in stacks/keys.ts. Fix: correct or remove it; a new knob is declared once in stacks/keys.ts.',
        "taskCPU",
      ),
      placed(
        project.dir,
        "Pulumi.staging.yaml: parity-stack:dbReplicas: is a topology key and must be identical in every stack, so a stack file may not set it. Allowed: set it only in Pulumi.yaml's project config. Fix: remove it from Pulumi.staging.yaml; to change it for every stack, change its default in Pulumi.yaml.",
        "dbReplicas",
      ),
    ];
    expect(() => load("staging", project.dir)).toThrow(new Error(messages.join("\n")));
  });

  it("checks the rules that span keys once every key is valid on its own", () => {
    project
      .setConfig("Pulumi.staging.yaml", "parity-stack:taskCpu", "lots")
      .setConfig("Pulumi.staging.yaml", "parity-stack:minTasks", 5);
    const taskCpu = placed(
      project.dir,
      'Pulumi.staging.yaml: parity-stack:taskCpu: must be an integer, got "lots". Allowed: one of 256, 512, 1024, 2048, 4096, 8192, 16384. Fix: run: pulumi config set parity-stack:taskCpu <value> -s staging.',
      "taskCpu",
    );
    expect(() => load("staging", project.dir)).toThrow(new Error(taskCpu));

    project.setConfig("Pulumi.staging.yaml", "parity-stack:taskCpu", 256);
    expect(() => load("staging", project.dir)).toThrow(
      new Error(
        placed(
          project.dir,
          "Pulumi.staging.yaml: parity-stack:minTasks: is 5, above parity-stack:maxTasks (2). Allowed: at most parity-stack:maxTasks. Fix: lower parity-stack:minTasks or raise parity-stack:maxTasks.",
          "minTasks",
        ),
      ),
    );
  });

  it("reports every YAML mistake of a file, each at its line and column", () => {
    const file = path.join(project.dir, "Pulumi.staging.yaml");
    const lines = readFileSync(file, "utf8").split("\n").length;
    appendFileSync(file, "  parity-stack:note: [1\nconfig:\n  a: 1\n");
    expect(() => load("staging", project.dir)).toThrow(
      new Error(
        [
          `${file}:${lines + 1}:1: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix that line.`,
          `${file}:${lines + 1}:1: is not valid YAML: Map keys must be unique. Fix that line.`,
        ].join("\n"),
      ),
    );
  });

  it("refuses a topology key in Pulumi.yaml that has no default", () => {
    project.setConfig("Pulumi.yaml", "azCount", { type: "integer", description: "zones" });
    expect(() => load("staging", project.dir)).toThrow(
      placed(
        project.dir,
        'Pulumi.yaml: parity-stack:azCount: needs `type`, `description` and a `default`. Allowed: type: integer, a description, and a default that is an integer from 2 to 6. Fix: write it as { type: integer, description: "...", default: <value> }.',
        "azCount",
      ),
    );
  });

  it("fails before a single resource is registered", async () => {
    const registered = jest.spyOn(OfflineMocks.prototype, "newResource");
    project.setConfig("Pulumi.prod.yaml", "parity-stack:azCount", 1);
    await expect(evaluateStack({ projectDir: project.dir, stack: "prod" })).rejects.toThrow(
      placed(project.dir, "Pulumi.prod.yaml: parity-stack:azCount: is a topology key", "azCount"),
    );
    expect(registered).not.toHaveBeenCalled();
    registered.mockRestore();
  });
});

describe("Serverless v2 capacity in a stack file", () => {
  let project: TempProject;
  beforeEach(() => {
    project = new TempProject()
      .setConfig("Pulumi.yaml", "dbMode", {
        type: "string",
        description: "Aurora engine mode of every instance.",
        default: "serverless",
      })
      .setConfig("Pulumi.staging.yaml", "parity-stack:dbInstanceClass", undefined);
  });
  afterEach(() => {
    project.cleanup();
  });

  it("refuses a minimum off the half-ACU steps, naming file, key, steps and fix, before any resource is registered", async () => {
    project.setConfig("Pulumi.staging.yaml", "parity-stack:dbServerlessMinAcu", 0.3);
    const refused = new Error(
      placed(
        project.dir,
        'Pulumi.staging.yaml: parity-stack:dbServerlessMinAcu: is out of range: got "0.3". Allowed: a number from 0 to 256 in steps of 0.5. Fix: run: pulumi config set parity-stack:dbServerlessMinAcu <value> -s staging.',
        "dbServerlessMinAcu",
      ),
    );
    expect(() => load("staging", project.dir)).toThrow(refused);

    const registered = jest.spyOn(OfflineMocks.prototype, "newResource");
    await expect(evaluateStack({ projectDir: project.dir, stack: "staging" })).rejects.toThrow(
      refused.message,
    );
    expect(registered).not.toHaveBeenCalled();
    registered.mockRestore();
  });

  it.each([0.5, 1.5])("accepts a minimum of %d ACU", (acu) => {
    project.setConfig("Pulumi.staging.yaml", "parity-stack:dbServerlessMinAcu", acu);
    expect(load("staging", project.dir).values.dbServerlessMinAcu).toBe(acu);
  });
});
