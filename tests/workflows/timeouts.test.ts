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

  it("give a manual rollback time to migrate, roll out and verify", () => {
    expect(timeout(".github/workflows/rollback.yml", "rollback")).toBeGreaterThanOrEqual(
      SETUP_MINUTES + DEPLOY_MINUTES + VERIFY_MINUTES,
    );
  });
});
