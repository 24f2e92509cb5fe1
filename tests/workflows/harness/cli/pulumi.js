#!/usr/bin/env node
// Stub `pulumi` (CLI v3) over the world's stacks. Shapes and messages from pulumi/pulumi:
// - `stack ls --json` (pkg/cmd/pulumi/stack/stack_list.go in v3.248.0, stackSummaryJSON): name,
//   current, lastUpdate, updateInProgress, resourceCount, url. The DIY backend names a stack of the
//   current project by its bare name, `pr-41` (pkg/backend/diy/backend.go, diyBackendReference.String),
//   and knows neither updateInProgress nor a URL; Pulumi Cloud prints `<org>/<project>/<stack>`.
//   A DIY stack created but never deployed has no checkpoint `latest` (CreateStack saves an empty
//   TypedDeployment): no resourceCount (pkg/backend/diy/stack.go, diyStackSummary.ResourceCount,
//   `omitempty`) and no lastUpdate.
// - `stack output --json` (pkg/cmd/pulumi/stack/stack_output.go) prints the outputs as one JSON
//   object; a stack never deployed has none and prints `{}` (DIY: pkg/backend/diy/state.go,
//   getSnapshotStackOutputs returns an empty map when the checkpoint has no `latest`; Pulumi
//   Cloud: the empty deployment it exports has no outputs).
// - `stack history --json` (pkg/cmd/pulumi/stack/stack_history.go, updateInfoJSON): the DIY
//   backend records no version number (UpdateInfo without Version, so always 0); Pulumi Cloud
//   counts updates from 1.
// - `refresh --preview-only` takes no lock on a DIY backend (diyBackend.Refresh).
// - Without a stack, `up`, `preview`, `config set` and `stack output` fail ("no stack named
//   'x' found"); only `stack select --create` and `stack init` create one. Pulumi Cloud in a
//   non-interactive session needs PULUMI_ACCESS_TOKEN (pkg/backend/httpstate/login.go); the
//   passphrase secrets provider needs PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE
//   (pkg/secrets/passphrase/manager.go, readPassphrase).
// - Secrets providers (v3.248.0): `stack select --create` and `stack init` (an alias of `stack new`)
//   take `--secrets-provider` (pkg/cmd/pulumi/stack/stack_select.go, stack_new.go: "default",
//   "passphrase", or a URL such as awskms://alias/…; "" is the default). A new stack's provider is
//   saved in its stack file, Pulumi.<stack>.yaml (secretsprovider and encryptedkey, or the
//   passphrase's encryptionsalt), in the job's checkout. Every command reads the provider from that
//   file; without one it takes the backend's default — passphrase on a DIY backend
//   (pkg/backend/diy/backend.go, DefaultSecretManager), the service on Pulumi Cloud — unless
//   PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER reads the state's (pkg/cmd/pulumi/stack/secrets.go,
//   GetSecretsManager). Here `pulumi.stackFiles` are the committed stack files and a stack created
//   in a job writes its file for that job only (keyed by RUNNER_TEMP, each job's own).
// - Update plans (v3.248.0): `preview --save-plan FILE` (pkg/cmd/pulumi/operations/preview.go)
//   writes apitype.DeploymentPlanV1 (sdk/go/common/apitype/plan.go, pkg/cmd/pulumi/plan/plan.go
//   Write: manifest, config, resourcePlans by URN, each a goal — absent for a delete — the steps,
//   apitype.OpType of history.go, and the proposed state) and says how to use it; `up --plan FILE`
//   (up.go, hidden without PULUMI_EXPERIMENTAL but accepted) reads it and refuses a resource whose
//   goal differs from the plan: "resource <urn> violates plan: …"
//   (pkg/resource/deploy/step_generator.go). Here the goal differs when the stack's imageRef is not
//   the planned one, or when the world changed the stack since the preview.
// - `preview --policy-pack DIR` runs the pack in DIR (a PulumiPolicy.yaml); a mandatory violation
//   is listed under "Policy Violations:" and fails the preview.
// - `stack export` (pkg/cmd/pulumi/stack/stack_export.go) prints apitype.UntypedDeployment:
//   {version: 3, deployment: DeploymentV3} (sdk/go/common/apitype/core.go): manifest, the
//   secrets_providers the last update recorded ({type: "cloud", state: {url, encryptedkey}}; the
//   DIY backend creates a stack with an empty deployment, pkg/backend/diy/backend.go CreateStack,
//   so a stack never updated has none), resources, and pending_operations, each OperationV2
//   {resource: ResourceV3, type: "creating" | "updating" | "deleting" | "reading" | "importing"}
//   for what an interrupted update was doing. `refresh --clear-pending-creates` drops the
//   "creating" ones from the state (pkg/cmd/pulumi/operations/refresh.go): nothing deletes them.
// Errors exit 255, as the CLI does.
"use strict";
const { Buffer } = require("node:buffer");
const { execFileSync } = require("node:child_process");
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const path = require("node:path");
const { load, save, fail, parseFlags, main } = require("./world");

const GLOBAL = {
  "non-interactive": "bool",
  color: "value",
  cwd: "value",
  logtostderr: "bool",
  v: "value",
  emoji: "bool",
};
const STACK = { stack: "value" };
const UPDATE = {
  ...GLOBAL,
  ...STACK,
  yes: "bool",
  message: "value",
  "skip-preview": "bool",
  diff: "bool",
  json: "bool",
  "suppress-outputs": "bool",
  refresh: "bool",
  target: "value",
  parallel: "value",
  "expect-no-changes": "bool",
  "show-sames": "bool",
};
const SPECS = {
  up: { ...UPDATE, plan: "value", "policy-pack": "value" },
  preview: {
    ...GLOBAL,
    ...STACK,
    "policy-pack": "value",
    "save-plan": "value",
    diff: "bool",
    json: "bool",
    message: "value",
    refresh: "bool",
    "expect-no-changes": "bool",
    "show-sames": "bool",
  },
  refresh: { ...UPDATE, "preview-only": "bool", "clear-pending-creates": "bool" },
  destroy: { ...UPDATE, remove: "bool" },
  cancel: { ...GLOBAL, ...STACK, yes: "bool" },
  "config set": {
    ...GLOBAL,
    ...STACK,
    secret: "bool",
    plaintext: "bool",
    path: "bool",
    "config-file": "value",
  },
  "stack select": { ...GLOBAL, ...STACK, create: "bool", "secrets-provider": "value" },
  "stack init": {
    ...GLOBAL,
    ...STACK,
    "secrets-provider": "value",
    "copy-config-from": "value",
    "no-select": "bool",
  },
  "stack ls": {
    ...GLOBAL,
    json: "bool",
    all: "bool",
    organization: "value",
    project: "value",
    tag: "value",
  },
  "stack output": { ...GLOBAL, ...STACK, json: "bool", "show-secrets": "bool", shell: "bool" },
  "stack history": {
    ...GLOBAL,
    ...STACK,
    json: "bool",
    "page-size": "value",
    page: "value",
    "show-secrets": "bool",
    "full-dates": "bool",
  },
  "stack export": { ...GLOBAL, ...STACK, file: "value", "show-secrets": "bool", version: "value" },
  version: GLOBAL,
};
const ALIASES = {
  s: "stack",
  y: "yes",
  m: "message",
  j: "json",
  f: "skip-preview",
  r: "refresh",
  c: "create",
  a: "all",
  C: "cwd",
};
const ERROR = 255;

const world = load();
const pulumi = world.pulumi;
const url = process.env.PULUMI_BACKEND_URL ?? "";
const cloud = url === "" || url.startsWith("https://");

function fullName(name) {
  return cloud ? `${pulumi.organization}/${pulumi.project}/${name}` : name;
}

function stackNamed(flags) {
  const given = flags.one("stack") ?? pulumi.selected;
  if (given === undefined)
    fail("error: no stack selected; please use `pulumi stack select`", ERROR);
  const name = given.split("/").at(-1);
  return name;
}

function existing(name) {
  const stack = pulumi.stacks[name];
  if (stack === undefined) fail(`error: no stack named '${name}' found`, ERROR);
  return stack;
}

const DEFAULT_PROVIDER = cloud ? "service" : "passphrase";

/** The stack files of this job's checkout: the committed ones, then those this job created. */
function stackFiles() {
  pulumi.stackFiles ??= {};
  pulumi.jobStackFiles ??= {};
  const job = (pulumi.jobStackFiles[process.env.RUNNER_TEMP ?? ""] ??= {});
  return { committed: pulumi.stackFiles, job };
}

/** The provider a command on the stack uses: its stack file's, the state's, or the default. */
function providerOf(name, stack) {
  const files = stackFiles();
  const recorded = files.job[name] ?? files.committed[name];
  if (recorded !== undefined) return recorded;
  const fallback = /^(1|true)$/i.test(process.env.PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER ?? "");
  return fallback && stack.secretsProvider !== undefined ? stack.secretsProvider : DEFAULT_PROVIDER;
}

function needPassphrase(name, stack) {
  if (providerOf(name, stack) !== "passphrase") return;
  if (!process.env.PULUMI_CONFIG_PASSPHRASE && !process.env.PULUMI_CONFIG_PASSPHRASE_FILE) {
    fail(
      'error: constructing secrets manager of type "passphrase": passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables',
      ERROR,
    );
  }
}

function stackName(stack) {
  return Object.keys(pulumi.stacks).find((name) => pulumi.stacks[name] === stack);
}

/** A data key as KMS returns it encrypted (base64 of a CiphertextBlob); one per provider here. */
function encryptedKeyOf(provider) {
  return Buffer.from(`ciphertext-of-a-data-key-for-${provider}`).toString("base64");
}

function headCommit() {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "";
  }
}

function record(stack, kind, message, result) {
  // Every checkpoint an operation writes records the secrets manager it ran with.
  const provider = providerOf(stackName(stack), stack);
  if (provider !== DEFAULT_PROVIDER || stack.secretsProvider === undefined) {
    if (stack.secretsProvider !== provider) stack.encryptedKey = encryptedKeyOf(provider);
    stack.secretsProvider = provider;
  }
  const version = cloud ? stack.history.length + 1 : 0;
  pulumi.clock += 60;
  const time = new Date(pulumi.clock * 1000).toISOString();
  stack.history.unshift({
    version,
    kind,
    startTime: time,
    message: message ?? "",
    environment: { "git.head": headCommit() },
    config: {},
    result,
    endTime: time,
    resourceChanges: {},
  });
  stack.lastUpdate = time;
}

function create(name, secretsProvider) {
  if (pulumi.stacks[name] !== undefined) fail(`error: stack '${name}' already exists`, ERROR);
  const given =
    secretsProvider === undefined || secretsProvider === "" ? "default" : secretsProvider;
  const provider = given === "default" ? DEFAULT_PROVIDER : given;
  // The DIY backend saves a new stack with an empty deployment: the provider and its data key are
  // in the job's stack file only, and reach the state with the first update that writes one.
  const stack = { config: {}, outputs: {}, history: [] };
  const files = stackFiles();
  // A stack file already in the checkout keeps its provider; otherwise the new one is written.
  if (
    files.committed[name] === undefined &&
    files.job[name] === undefined &&
    provider !== "service"
  )
    files.job[name] = provider;
  needPassphrase(name, stack);
  pulumi.stacks[name] = stack;
  pulumi.selected = name;
  return stack;
}

/** What the program exports after an update: the stack's outputs with its image. */
function deploy(name, stack) {
  const outputs = { ...pulumi.programOutputs[name] };
  const image = stack.config["parity-stack:imageRef"] ?? outputs.imageRef;
  if (image !== undefined) {
    outputs.imageRef = image;
    outputs.releaseId = image.replace(/^.*@/, "");
  }
  stack.outputs = outputs;
  // Once deployed, the stack's hostname serves the release's page and its hashed script.
  if (outputs.hostname !== undefined) {
    const digest = (outputs.releaseId ?? "").replace(/^sha256:/, "").slice(0, 12);
    world.pages[`https://${outputs.hostname}`] =
      `<!doctype html><script type="module" src="/assets/app.${digest}.js"></script>\n`;
  }
  stack.resourceCount = 58;
  stack.deployedCommit = headCommit();
}

/** What a preview proposes when the world says nothing: the service rolls out a new task. */
const DEFAULT_PREVIEW = [
  {
    type: "aws:ecs/taskDefinition:TaskDefinition",
    name: "app-task",
    steps: ["create-replacement", "replace", "delete-replaced"],
  },
  { type: "aws:ecs/service:Service", name: "app-service", steps: ["update"] },
];

function urnOf(name, resource) {
  return `urn:pulumi:${name}::${pulumi.project}::${resource.type}::${resource.name}`;
}

/** Runs the policy packs: a mandatory violation fails the preview. */
function runPolicyPacks(name, flags) {
  for (const pack of flags.flags["policy-pack"] ?? []) {
    if (!existsSync(path.join(pack, "PulumiPolicy.yaml")))
      fail(`error: could not find PulumiPolicy.yaml in ${path.resolve(pack)}`, ERROR);
  }
  const violations = pulumi.policyViolations[name] ?? [];
  if ((flags.flags["policy-pack"] ?? []).length === 0 || violations.length === 0) return;
  process.stdout.write(
    `Policy Violations:\n${violations.map((v) => `    [mandatory]  parity-stack-policy v0.1.0  ${v}\n`).join("")}`,
  );
  fail("error: preview failed", ERROR);
}

function savePlan(name, stack, planned, file) {
  const resourcePlans = Object.fromEntries(
    planned.map((resource) => [
      urnOf(name, resource),
      {
        ...(resource.steps.includes("delete") && resource.steps.length === 1
          ? {}
          : { goal: { type: resource.type, name: resource.name, custom: true, protect: false } }),
        steps: resource.steps,
        state: {},
      },
    ]),
  );
  const plan = {
    manifest: {
      time: new Date(pulumi.clock * 1000).toISOString(),
      magic: "stub",
      version: `v${pulumi.version}`,
    },
    config: { ...stack.config },
    resourcePlans,
  };
  writeFileSync(file, JSON.stringify(plan, null, 4) + "\n");
  process.stdout.write(
    `Update plan written to '${file}'\nRun \`pulumi up --plan='${file}'\` to constrain the update to the operations planned by this preview\n`,
  );
}

/** Refuses an update that would do what the plan in `file` did not propose. */
function checkPlan(name, stack, file) {
  let plan;
  try {
    plan = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    fail(
      `error: open ${file}: ${error.code === "ENOENT" ? "no such file or directory" : error.message}`,
      ERROR,
    );
  }
  const task = urnOf(name, DEFAULT_PREVIEW[0]);
  const urns = Object.keys(plan.resourcePlans ?? {});
  const foreign = urns.find((urn) => !urn.startsWith(`urn:pulumi:${name}::`));
  if (foreign !== undefined)
    fail(`error: resource ${task} violates plan: no steps were expected for this resource`, ERROR);
  const planned = plan.config?.["parity-stack:imageRef"];
  const now = stack.config["parity-stack:imageRef"];
  if (planned !== now)
    fail(
      `error: resource ${task} violates plan: properties changed: ~~containerDefinitions[{${planned}}!={${now}}]`,
      ERROR,
    );
  const changed = pulumi.changedSincePreview[name];
  if (changed !== undefined) fail(`error: resource ${changed} violates plan`, ERROR);
}

function printJson(value) {
  process.stdout.write(JSON.stringify(value, null, 4) + "\n");
}

const commands = {
  version() {
    process.stdout.write(`v${pulumi.version}\n`);
  },
  "stack ls"() {
    printJson(
      Object.entries(pulumi.stacks).map(([name, stack]) => ({
        name: fullName(name),
        current: pulumi.selected === name,
        ...(stack.lastUpdate === undefined ? {} : { lastUpdate: stack.lastUpdate }),
        ...(cloud ? { updateInProgress: stack.updateInProgress === true } : {}),
        ...(stack.resourceCount === undefined ? {} : { resourceCount: stack.resourceCount }),
        ...(cloud ? { url: `https://app.pulumi.com/${fullName(name)}` } : {}),
      })),
    );
  },
  "stack select"({ flags, positional }) {
    const name = (positional[0] ?? flags.one("stack") ?? "").split("/").at(-1);
    if (pulumi.stacks[name] !== undefined) {
      pulumi.selected = name;
    } else if (flags.flags.create) {
      create(name, flags.one("secrets-provider"));
    } else {
      fail(`error: no stack named '${name}' found`, ERROR);
    }
  },
  "stack init"({ flags, positional }) {
    create(
      (positional[0] ?? flags.one("stack") ?? "").split("/").at(-1),
      flags.one("secrets-provider"),
    );
    process.stdout.write(`Created stack '${positional[0]}'\n`);
  },
  "stack output"({ flags, positional }) {
    const stack = existing(stackNamed(flags));
    if (positional[0] === undefined) return printJson(stack.outputs);
    const value = stack.outputs[positional[0]];
    if (value === undefined)
      fail(`error: current stack does not have output property '${positional[0]}'`, ERROR);
    process.stdout.write(
      (typeof value === "string" && !flags.flags.json ? value : JSON.stringify(value)) + "\n",
    );
  },
  "stack history"({ flags }) {
    const stack = existing(stackNamed(flags));
    printJson(stack.history.slice(0, Number(flags.one("page-size") ?? 10)));
  },
  "stack export"({ flags }) {
    const name = stackNamed(flags);
    const stack = existing(name);
    const deployment = {
      manifest: { time: stack.lastUpdate ?? "0001-01-01T00:00:00Z", magic: "", version: "" },
      ...(stack.secretsProvider === undefined || stack.secretsProvider === "service"
        ? {}
        : {
            secrets_providers: {
              type: "cloud",
              state: { url: stack.secretsProvider, encryptedkey: stack.encryptedKey ?? "" },
            },
          }),
      ...(stack.resourceCount === undefined ? {} : { resources: [] }),
      ...((stack.pendingOperations ?? []).length === 0
        ? {}
        : {
            pending_operations: stack.pendingOperations.map((op) => ({
              resource: { urn: op.urn, custom: true, type: op.urn.split("::")[2] },
              type: op.type,
            })),
          }),
    };
    const text = JSON.stringify({ version: 3, deployment }, null, 4) + "\n";
    if (flags.one("file") !== undefined) writeFileSync(flags.one("file"), text);
    else process.stdout.write(text);
  },
  "config set"({ flags, positional }) {
    const stack = existing(stackNamed(flags));
    if (positional.length !== 2) fail("error: accepts 2 arg(s) (a key and a value)", ERROR);
    if (flags.flags.secret) needPassphrase(stackNamed(flags), stack);
    stack.config[positional[0]] = positional[1];
  },
  up({ flags }) {
    const name = stackNamed(flags);
    const stack = existing(name);
    if (!flags.flags.yes)
      fail(
        "error: --yes or --skip-preview must be passed in to proceed when running in non-interactive mode",
        ERROR,
      );
    needPassphrase(name, stack);
    if (flags.one("plan") !== undefined) checkPlan(name, stack, flags.one("plan"));
    const failure = pulumi.failUp[name];
    if (failure !== undefined && failure.afterRollout) deploy(name, stack);
    if (failure !== undefined) {
      Reflect.deleteProperty(pulumi.failUp, name);
      record(stack, "update", flags.one("message"), "failed");
      save(world);
      fail(`error: update failed\n${failure.message}`, ERROR);
    }
    deploy(name, stack);
    record(stack, "update", flags.one("message"), "succeeded");
  },
  preview({ flags }) {
    const name = stackNamed(flags);
    const stack = existing(name);
    needPassphrase(name, stack);
    runPolicyPacks(name, flags);
    const planned = pulumi.previewSteps[name] ?? DEFAULT_PREVIEW;
    const marks = { create: "+", update: "~", replace: "+-", delete: "-" };
    process.stdout.write(
      `Previewing update (${fullName(name)}):\n${planned
        .map((r) => {
          const op = ["replace", "delete", "create", "update"].find((s) => r.steps.includes(s));
          return `  ${marks[op] ?? " "} ${r.type} ${r.name} ${op ?? "same"}\n`;
        })
        .join("")}`,
    );
    if (flags.one("save-plan") !== undefined)
      savePlan(name, stack, planned, flags.one("save-plan"));
  },
  refresh({ flags }) {
    const name = stackNamed(flags);
    const stack = existing(name);
    needPassphrase(name, stack);
    const failure = pulumi.failRefresh[name];
    if (failure !== undefined) fail(`error: ${failure}`, ERROR);
    if (flags.flags["preview-only"]) {
      if (!flags.flags.json) fail("stub: refresh --preview-only without --json is not replayed", 2);
      process.stdout.write(
        JSON.stringify(pulumi.refreshPreview[name] ?? { steps: [], changeSummary: { same: 58 } }) +
          "\n",
      );
      return;
    }
    if (!flags.flags.yes)
      fail(
        "error: --yes or --skip-preview must be passed in to proceed when running in non-interactive mode",
        ERROR,
      );
    if (flags.flags["clear-pending-creates"])
      stack.pendingOperations = (stack.pendingOperations ?? []).filter(
        (op) => op.type !== "creating",
      );
    record(stack, "refresh", flags.one("message"), "succeeded");
  },
  destroy({ flags }) {
    const name = stackNamed(flags);
    const stack = existing(name);
    if (!flags.flags.yes)
      fail(
        "error: --yes or --skip-preview must be passed in to proceed when running in non-interactive mode",
        ERROR,
      );
    needPassphrase(name, stack);
    if (stack.locked) fail(`error: the stack is currently locked by 1 lock(s)`, ERROR);
    if (flags.flags.remove) Reflect.deleteProperty(pulumi.stacks, name);
    else record(stack, "destroy", flags.one("message"), "succeeded");
  },
  cancel({ flags }) {
    const stack = existing(stackNamed(flags));
    stack.locked = false;
    stack.updateInProgress = false;
  },
};

main(
  "pulumi",
  (args) => {
    const words = args[0] === "stack" || args[0] === "config" ? 2 : 1;
    const command = args.slice(0, words).join(" ");
    const spec = SPECS[command];
    if (spec === undefined) fail(`error: unknown command "${command}" for "pulumi" (stub)`, ERROR);
    if (command !== "version" && cloud && !process.env.PULUMI_ACCESS_TOKEN) {
      fail(
        "error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions",
        ERROR,
      );
    }
    if (cloud !== (pulumi.backend === "cloud"))
      fail(`stub: PULUMI_BACKEND_URL '${url}' is not the world's ${pulumi.backend} backend`, 2);
    const flags = parseFlags("pulumi", args.slice(words), spec, ALIASES);
    commands[command]({ flags, positional: flags.positional });
    save(world);
  },
  ERROR,
);
