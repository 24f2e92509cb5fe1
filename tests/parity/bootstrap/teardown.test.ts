import { evaluateBootstrap } from "../../../parity/bootstrap/evaluate-bootstrap";
import { foreignReferences } from "../../../parity/bootstrap/ownership-rule";
import { evaluateStack, type EvaluatedStack } from "../../../parity/offline/evaluate";
import { PROJECT_DIR } from "../../helpers/temp-project";

describe("tearing down staging", () => {
  const stacks: Record<string, EvaluatedStack> = {};
  beforeAll(async () => {
    for (const stack of ["staging", "prod"]) {
      stacks[stack] = await evaluateStack({ projectDir: PROJECT_DIR, stack });
    }
  });

  it("leaves prod's graph with no reference to a resource staging owned", () => {
    const { prod, staging } = stacks as { prod: EvaluatedStack; staging: EvaluatedStack };
    expect(staging.resources.length).toBeGreaterThan(0);
    expect(foreignReferences(prod, [staging])).toEqual([]);
  });

  it("leaves prod's image in the bootstrap's registry and its roles' boundary, which outlive every stack", async () => {
    const bootstrap = await evaluateBootstrap(PROJECT_DIR);
    const references = foreignReferences(stacks.prod as EvaluatedStack, [bootstrap]).map(
      (r) => `${r.resource.type} ${r.resource.name} → ${r.target.type} ${r.target.name}`,
    );
    expect(references.sort()).toEqual([
      "aws:ecs/taskDefinition:TaskDefinition app-app → aws:ecr/repository:Repository images-repository",
      "aws:ecs/taskDefinition:TaskDefinition app-migrate → aws:ecr/repository:Repository images-repository",
      "aws:iam/role:Role app-execution → aws:iam/policy:Policy deploy-boundary",
      "aws:iam/role:Role app-task → aws:iam/policy:Policy deploy-boundary",
      "aws:iam/rolePolicy:RolePolicy app-execution → aws:ecr/repository:Repository images-repository",
    ]);
  });

  it("finds the dangling reference when prod runs an image from staging's own repository", async () => {
    const staging = await evaluateStack({
      projectDir: PROJECT_DIR,
      stack: "staging",
      config: { "parity-stack:imageRepositoryUrl": undefined },
    });
    const prod = await evaluateStack({
      projectDir: PROJECT_DIR,
      stack: "prod",
      config: { "parity-stack:imageRef": String(staging.outputs.imageRef) },
    });
    expect(foreignReferences(prod, [staging]).map((r) => r.target.name)).toContain(
      "app-image-repo",
    );
  });
});
