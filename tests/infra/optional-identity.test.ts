import { evaluateStack } from "../../parity/offline/evaluate";
import { findResource, ofType } from "../helpers/graph";
import { PROJECT_DIR } from "../helpers/temp-project";

const REPOSITORY_POLICY = "aws:ecr/repositoryPolicy:RepositoryPolicy";
const RULESET = "cloudflare:index/ruleset:Ruleset";

describe("optional identity keys, as the program applies them", () => {
  it("lets the accounts in imagePullAccountIds pull from staging's repository, and no one else by default", async () => {
    const shared = await evaluateStack({
      projectDir: PROJECT_DIR,
      stack: "staging",
      config: { "parity-stack:imagePullAccountIds": "210987654321,310987654321" },
    });
    const plain = await evaluateStack({ projectDir: PROJECT_DIR, stack: "staging" });

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

  it("adopts the zone's existing cache ruleset named by cloudflareCacheRulesetId", async () => {
    const prod = await evaluateStack({
      projectDir: PROJECT_DIR,
      stack: "prod",
      config: { "parity-stack:cloudflareCacheRulesetId": "5a4b3c2d1e0f5a4b3c2d1e0f5a4b3c2d" },
    });

    expect(findResource(prod.resources, RULESET, "edge-cache-rules").importId).toBe(
      "zones/8a7b6c5d4e3f20111213141516171819/5a4b3c2d1e0f5a4b3c2d1e0f5a4b3c2d",
    );
  });
});
