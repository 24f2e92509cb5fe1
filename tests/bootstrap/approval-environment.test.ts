import { evaluateBootstrap } from "../../parity/bootstrap/evaluate-bootstrap";
import { findResource } from "../helpers/graph";
import { PROJECT_DIR } from "../helpers/temp-project";

describe("the production-destructive environment", () => {
  it("makes its reviewers approve, deploys from main only, and holds no role and no secret", async () => {
    const { resources } = await evaluateBootstrap(PROJECT_DIR);
    const environment = findResource(
      resources,
      "github:index/repositoryEnvironment:RepositoryEnvironment",
      "repository-production-destructive",
    );
    expect(environment.inputs).toMatchObject({
      environment: "production-destructive",
      preventSelfReview: true,
      deploymentBranchPolicy: { protectedBranches: false, customBranchPolicies: true },
    });
    expect(environment.inputs.reviewers).toBeDefined();
    const policy = findResource(
      resources,
      "github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy",
      "repository-production-destructive-main",
    );
    expect(policy.inputs.branchPattern).toBe("main");
    const held = resources.filter(
      (r) =>
        r.name.includes("production-destructive") &&
        (r.type.startsWith("aws:iam/") || r.type.includes("ActionsEnvironmentSecret")),
    );
    expect(held.map((r) => `${r.type}::${r.name}`)).toEqual([]);
  }, 60_000);
});
