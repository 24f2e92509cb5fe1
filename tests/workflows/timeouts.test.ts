import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { DEFAULT_MIGRATION_DEADLINE_SECONDS } from "../../components/aws/migration-client";
import { DEFAULT_DEADLINE_MS } from "../../parity/verify/options";
import { ROOT } from "./harness/steps";

/**
 * How long `pulumi up` may wait for the ECS service to reach a steady state: the update timeout of
 * the AWS provider's aws_ecs_service (20 minutes, terraform-provider-aws
 * internal/service/ecs/service.go, Timeouts), which @pulumi/aws's `waitForSteadyState` runs within.
 */
const ECS_STEADY_STATE_MINUTES = 20;
/** Checkout, `npm ci`, the Pulumi CLI and the AWS role, with room to spare. */
const SETUP_MINUTES = 10;

/** One `pulumi up` of a release: its migration run to the deadline, then the rollout. */
const DEPLOY_MINUTES = DEFAULT_MIGRATION_DEADLINE_SECONDS / 60 + ECS_STEADY_STATE_MINUTES;
const VERIFY_MINUTES = DEFAULT_DEADLINE_MS / 60_000;

/** The rehearsal's fixed parts: production's preview with the policy pack, and the comparison of
 * the schema snapshot with the history replayed on a scratch PostgreSQL. */
const PREVIEW_MINUTES = 10;
const SCHEMA_COMPARE_MINUTES = 5;
/** The clone's writer: `aws rds wait db-instance-available` gives up after 60 polls 30 s apart. */
const CLONE_WRITER_MINUTES = 30;
/** The clone's deletion: `wait db-cluster-deleted`, then the security group's retries. */
const CLEAN_UP_MINUTES = 15;

interface Step {
  readonly name?: string;
  readonly with?: Record<string, string>;
}

function yamlOf(file: string): {
  jobs: Record<
    string,
    { "timeout-minutes"?: number; steps?: Step[]; env?: Record<string, string> }
  >;
  inputs?: Record<string, { default?: string }>;
} {
  return parse(readFileSync(path.join(ROOT, file), "utf8")) as ReturnType<typeof yamlOf>;
}

/** An action's default deadline, in minutes. */
function actionDeadline(action: string): number {
  return (
    Number(yamlOf(`.github/actions/${action}/action.yml`).inputs?.["deadline-seconds"]?.default) /
    60
  );
}

/** The deadline a step of promote's rehearsal gives its action, in minutes (its default when none). */
function stepDeadline(step: string, action: string): number {
  const found = yamlOf(".github/workflows/promote.yml").jobs.rehearse?.steps?.find(
    (s) => s.name === step,
  );
  if (found === undefined) throw new Error(`promote.yml's rehearsal has no step "${step}"`);
  const given = found.with?.["deadline-seconds"];
  return given === undefined ? actionDeadline(action) : Number(given) / 60;
}

function timeout(file: string, job: string): number {
  const doc = parse(readFileSync(path.join(ROOT, file), "utf8")) as {
    jobs: Record<string, { "timeout-minutes"?: number }>;
  };
  return doc.jobs[job]?.["timeout-minutes"] ?? 360;
}

describe("job timeouts", () => {
  it("give production time to migrate, roll out, verify, and roll back and verify again", () => {
    expect(timeout(".github/workflows/promote.yml", "production")).toBeGreaterThanOrEqual(
      SETUP_MINUTES + 2 * (DEPLOY_MINUTES + VERIFY_MINUTES),
    );
  });

  it("give the rehearsal time to read production's schema, clone it, migrate the clone, run the smoke tests and delete the clone", () => {
    const schema = stepDeadline(
      "Production's schema matches its migration history",
      "schema-parity",
    );
    const migration = stepDeadline("Rehearse the migrations on the clone", "run-migrations");
    const smoke = stepDeadline(
      "Run the live release's smoke tests on the migrated clone",
      "run-migrations",
    );
    expect([schema, migration, smoke]).toEqual([10, 30, 10]);
    expect(timeout(".github/workflows/promote.yml", "rehearse")).toBeGreaterThanOrEqual(
      SETUP_MINUTES +
        schema +
        SCHEMA_COMPARE_MINUTES +
        PREVIEW_MINUTES +
        CLONE_WRITER_MINUTES +
        migration +
        smoke +
        CLEAN_UP_MINUTES,
    );
  });

  it("let the sweeper take a clone for leaked only once no rehearsal can still be running", () => {
    const sweep = yamlOf(".github/workflows/rehearsal-sweep.yml").jobs.sweep;
    expect(Number(sweep?.env?.MAX_AGE_MINUTES)).toBeGreaterThan(
      timeout(".github/workflows/promote.yml", "rehearse"),
    );
  });

  it("give a manual rollback time to migrate, roll out and verify", () => {
    expect(timeout(".github/workflows/rollback.yml", "rollback")).toBeGreaterThanOrEqual(
      SETUP_MINUTES + DEPLOY_MINUTES + VERIFY_MINUTES,
    );
  });
});
