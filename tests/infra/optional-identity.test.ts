import { evaluateStack } from "../../parity/offline/evaluate";
import { findResource, ofType } from "../helpers/graph";
import { PROJECT_DIR } from "../helpers/temp-project";

const REPOSITORY_POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";

describe("optional identity keys, as the program applies them", () => {
  it("lets the accounts in imagePullAccountIds pull from a stack's own repository, and no one else by default", async () => {
    const ownRepository = { "parity-stack:imageRepositoryUrl": undefined };
    const shared = await evaluateStack({
      projectDir: PROJECT_DIR,
      stack: "staging",
      config: { ...ownRepository, "parity-stack:imagePullAccountIds": "210987654321,310987654321" },
    });
    const plain = await evaluateStack({
      projectDir: PROJECT_DIR,
      stack: "staging",
      config: ownRepository,
    });

    const policy = findResource(shared.resources, REPOSITORY_POLICY, "app-image-pull");
    const principals = (
      JSON.parse(String(policy.inputs.policy)) as { Statement: { Principal: { AWS: string[] } }[] }
    ).Statement.flatMap((statement) => statement.Principal.AWS);
    expect(principals).toEqual([
      "arn:aws:iam::210987654321:root",
      "arn:aws:iam::310987654321:root",
    ]);
    expect(ofType(plain.resources, REPOSITORY_POLICY)).toEqual([]);
  });

  it("runs the migration with the AWS provider's profile", async () => {
    const staging = await evaluateStack({
      projectDir: PROJECT_DIR,
      stack: "staging",
      config: { "aws:profile": "deploy" },
    });
    const provider = findResource(staging.resources, "pulumi:providers:aws", "aws");
    const run = findResource(
      staging.resources,
      "pulumi-nodejs:dynamic/parity:MigrationRun",
      "app-migration",
    );
    expect([provider.inputs.profile, run.inputs.profile]).toEqual(["deploy", "deploy"]);
  });
});
