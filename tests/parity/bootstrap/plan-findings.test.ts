import { runPlan } from "../../helpers/plan-cli";
import { TempProject } from "../../helpers/temp-project";

function plan(project: TempProject) {
  return runPlan(project.dir, "--details");
}

/** Runs `parity plan` on a scratch copy changed by `change`, and removes the copy. */
function planChanged(change: (project: TempProject) => void) {
  const project = new TempProject();
  try {
    change(project);
    return plan(project);
  } finally {
    project.cleanup();
  }
}

describe("parity plan's bootstrap rules", () => {
  it("pass on the committed bootstrap and stacks", () => {
    const run = plan(new TempProject());
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Bootstrap holds: 5 rules checked, no finding.\n");
    expect(run.status).toBe(0);
  }, 120_000);

  it("exit 1 naming the environment when one holding production's material runs on any branch", () => {
    const run = planChanged((project) =>
      project.edit(
        "bootstrap/environments.ts",
        'return environment.tier !== "preview";',
        'return environment.tier !== "preview" && environment.name !== "production-rehearsal";',
      ),
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      '      ✗ github:index/repositoryEnvironment:RepositoryEnvironment "repository-production-rehearsal": GitHub environment "production-rehearsal" holds production\'s material (PULUMI_SECRETS_PROVIDER) but jobs on any branch may use it. Fix: give it deploymentBranchPolicy { customBranchPolicies: true, protectedBranches: false } and one RepositoryEnvironmentDeploymentPolicy with branchPattern "main".\n',
    );
    // The rehearsal's role trusts that environment, so pull-request code reaches production's state.
    expect(run.stdout).toContain(
      '      ✗ aws:iam/role:Role "deploy-production-rehearsal": role acme-parity-stack-github-production-rehearsal is reachable from the preview environment and may s3:GetObject on production\'s aws:s3/bucket:Bucket "state-production-bucket"',
    );
    expect(run.stdout).toContain(
      "Bootstrap broken: 3 findings (environments-restricted-to-main, preview-reads-no-other-state).\n",
    );
  }, 120_000);

  it("exit 1 naming the role when the preview role may read production's state bucket", () => {
    const run = planChanged((project) =>
      project
        .edit(
          "bootstrap/deploy-roles.ts",
          "...(preview ? [SWEEPER] : []),",
          "...(preview ? [SWEEPER, ...stateReadWrite(tiers.production)] : []),",
        )
        .edit(
          "bootstrap/deploy-roles.ts",
          "permissionsBoundary: preview ? boundary.arn : undefined,",
          "permissionsBoundary: undefined,",
        ),
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      '      ✗ aws:iam/role:Role "deploy-preview": role acme-parity-stack-github-preview is reachable from the preview environment and may s3:GetObject on production\'s aws:s3/bucket:Bucket "state-production-bucket" (arn:aws:s3:::acme-parity-stack-state-production/.pulumi/stacks/any-project/any-stack.json). Fix: deny it in the role\'s permissions boundary, or stop the preview environment reaching the role.\n',
    );
  }, 120_000);

  it("exit 1 naming the role when the preview role may create a role without the boundary", () => {
    const run = planChanged((project) =>
      project
        .edit(
          "bootstrap/deploy-permissions.ts",
          "(ROLE_POWER_ACTIONS.includes(action) ? bounded : plain).add(action);",
          "plain.add(action);",
        )
        .edit(
          "bootstrap/deploy-roles.ts",
          "permissionsBoundary: preview ? boundary.arn : undefined,",
          "permissionsBoundary: undefined,",
        ),
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      '      ✗ aws:iam/role:Role "deploy-preview": role acme-parity-stack-github-preview is reachable from the preview environment and may iam:CreateRole without a permissions boundary, making a role more powerful than itself. Fix: allow it only with Condition StringEquals iam:PermissionsBoundary = the bootstrap\'s boundary, and carry that boundary.\n',
    );
  }, 120_000);

  it("hold when only the preview role's own policy lacks the boundary condition: its boundary still refuses", () => {
    const run = planChanged((project) =>
      project.edit(
        "bootstrap/deploy-permissions.ts",
        "(ROLE_POWER_ACTIONS.includes(action) ? bounded : plain).add(action);",
        "plain.add(action);",
      ),
    );
    expect(run.stdout).toContain("  ✓ preview-creates-bounded-roles:");
  }, 120_000);

  it("exit 1 naming the prod resource when prod's image is taken from staging's repository", () => {
    const run = planChanged((project) =>
      project
        .setConfig("Pulumi.staging.yaml", "parity-stack:imageRepositoryUrl", undefined)
        .setConfig(
          "Pulumi.prod.yaml",
          "parity-stack:imageRef",
          `123456789012.dkr.ecr.eu-west-1.amazonaws.com/app-image-repo-e893939@sha256:${"4".repeat(64)}`,
        ),
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      '      ✗ prod: aws:iam/rolePolicy:RolePolicy "app-execution": refers to staging\'s aws:ecr/repository:Repository "app-image-repo" (arn:aws:ecr:eu-west-1:123456789012:repository/app-image-repo-e893939), which goes away when staging is torn down. Fix: take it from the bootstrap (a shared, long-lived resource such as the image registry, imageRepositoryUrl) instead of from staging.\n',
    );
    expect(run.stdout).toContain("  ✗ prod-owns-its-dependencies:");
  }, 120_000);
});
