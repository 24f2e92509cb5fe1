import { itExecutesEveryRunStep } from "./harness/coverage";
import { runWorkflow, type WorkflowRun } from "./harness/run-workflow";
import { emptyWorld, type World } from "./harness/world";
import { addProdDatabase, PROD_OUTPUTS } from "./release-fixtures";
import { useLiveSchemas } from "./schema-fixtures";

const SCHEMA = ".github/workflows/schema.yml";
const ACTION = ".github/actions/schema-parity/action.yml";
const SECRETS = {
  PULUMI_BACKEND_URL: "s3://acme-pulumi-state?region=eu-west-1",
  AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/schema",
};
const TITLE = "Schema drift between staging, production and the migration history";

const schemas = useLiveSchemas();

/** Staging and prod deployed; each one's snapshot task prints `log`; docker runs the scratch. */
function world(log: string[]): World {
  const w = emptyWorld();
  for (const name of ["staging", "prod"]) {
    w.pulumi.stacks[name] = { config: {}, outputs: { ...PROD_OUTPUTS }, history: [] };
  }
  addProdDatabase(w);
  w.aws.migrationLog = ["starting", ...log];
  return Object.assign(w, { docker: schemas.docker() });
}

function openIssue(w: World): void {
  w.github.labels.push("schema-drift");
  w.github.issues.push({
    number: 9,
    title: TITLE,
    body: "",
    labels: ["schema-drift"],
    state: "OPEN",
    comments: [],
  });
}

/**
 * One scheduled run. The docker stub's container is the test server's `postgres` database (the
 * action's scratch URL names it): emptied first, then given `leftover` SQL when a case wants it.
 */
async function check(w: World, leftover?: string): Promise<WorkflowRun> {
  await schemas.resetScratch(leftover);
  return runWorkflow(SCHEMA, { event: "schedule", payload: {}, world: w, secrets: SECRETS });
}

const issues = (run: WorkflowRun) =>
  run.world.github.issues.map((i) => [i.title, i.state, i.labels.join(",")]);

describe("schema.yml, run whole", () => {
  it("opens one issue naming the hand-applied index when the live schemas drift", async () => {
    const run = await check(world(schemas.drifted));
    expect(run.job("compare").result).toBe("success");
    expect(issues(run)).toEqual([[TITLE, "OPEN", "schema-drift"]]);
    const body = run.world.github.issues[0]?.body ?? "";
    expect(body).toMatch(/^### Schema drift\n\nschema parity: DRIFT: 2 differences/);
    expect(body).toContain(
      "- `index public.notes_body_idx`: on production, not in the migration history (hand-applied?)",
    );
    expect(body).toContain("Found in run https://github.com/acme/parity-stack/actions/runs/4242.");
    expect(run.job("compare").summary).toContain("schema parity: DRIFT");
    expect(run.calls.filter((c) => c.command === "docker").map((c) => c.args[0])).toEqual([
      "run",
      "port",
      "exec",
      "rm",
    ]);
  }, 120_000);

  it("updates the open issue while the drift lasts instead of opening another", async () => {
    const w = world(schemas.drifted);
    openIssue(w);
    const run = await check(w);
    expect(issues(run)).toEqual([[TITLE, "OPEN", "schema-drift"]]);
    expect(run.world.github.issues[0]?.body).toContain("index public.notes_body_idx");
  }, 120_000);

  it("closes the issue once the schemas match again", async () => {
    const w = world(schemas.clean);
    openIssue(w);
    const run = await check(w);
    expect(run.job("compare").result).toBe("success");
    expect(run.job("compare").summary).toContain("schema parity: MATCH");
    expect(issues(run)).toEqual([[TITLE, "CLOSED", "schema-drift"]]);
    expect(run.world.github.issues[0]?.comments).toEqual([
      "The schemas match again (https://github.com/acme/parity-stack/actions/runs/4242).",
    ]);
  }, 120_000);

  it("fails without touching the issue when a snapshot task fails", async () => {
    const w = world(schemas.clean);
    openIssue(w);
    w.aws.migrationExitCode = 1;
    const run = await check(w);
    expect(run.job("read", { stack: "prod", environment: "production-rehearsal" }).result).toBe(
      "failure",
    );
    expect(run.job("compare").result).toBe("skipped");
    expect(issues(run)).toEqual([[TITLE, "OPEN", "schema-drift"]]);
  }, 120_000);

  it("fails without touching the issue when the log holds only part of a snapshot", async () => {
    const w = world(schemas.clean);
    openIssue(w);
    w.aws.migrationLog = ["schema-snapshot 1/2 H4sIAAAAAAAAA6tWyk"];
    const run = await check(w);
    const read = run.job("read", { stack: "staging", environment: "staging" });
    expect(read.result).toBe("failure");
    expect(read.steps.map((step) => step.stdout).join("")).toContain(
      "::error::The schema snapshot of staging is incomplete in the task's log (2 parts expected, 1 found)",
    );
    expect(issues(run)).toEqual([[TITLE, "OPEN", "schema-drift"]]);
  }, 120_000);

  it("fails without touching the issue when the comparison itself refuses to run", async () => {
    const w = world(schemas.drifted);
    openIssue(w);
    const run = await check(w, "CREATE TABLE leftover (id int)");
    const compare = run.job("compare");
    expect(compare.result).toBe("failure");
    expect(compare.steps.at(-1)?.outcome).toBe("skipped");
    const log = compare.steps.map((step) => step.stdout + step.stderr).join("");
    expect(log).toContain("::error::The schema comparison could not run (exit 2)");
    expect(issues(run)).toEqual([[TITLE, "OPEN", "schema-drift"]]);
  }, 120_000);

  it("gives the AWS role only to the jobs that read, and runs outside the deploy groups", async () => {
    const run = await check(world(schemas.clean));
    expect(run.jobs.map((job) => [job.id, job.environment ?? "none"])).toEqual([
      ["read", "staging"],
      ["read", "production-rehearsal"],
      ["compare", "none"],
    ]);
    const groups = run.jobs.map((job) => job.concurrency?.group ?? "");
    expect(groups.filter((group) => group.startsWith("pulumi-"))).toEqual([]);
  }, 120_000);

  itExecutesEveryRunStep(SCHEMA);
  itExecutesEveryRunStep(ACTION);
});
