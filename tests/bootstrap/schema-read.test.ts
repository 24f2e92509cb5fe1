import { evaluateBootstrap } from "../../parity/bootstrap/evaluate-bootstrap";
import { findResource } from "../helpers/graph";
import { PROJECT_DIR } from "../helpers/temp-project";

/** Every action the inline policy of `environment`'s role allows. */
function allowed(
  resources: Awaited<ReturnType<typeof evaluateBootstrap>>["resources"],
  environment: string,
): string[] {
  const policy = findResource(resources, "aws:iam/rolePolicy:RolePolicy", `deploy-${environment}`);
  const document = JSON.parse(String(policy.inputs.policy)) as {
    Statement: { Action: string[] }[];
  };
  return document.Statement.flatMap((statement) => statement.Action);
}

describe("reading the live schema (schema.yml)", () => {
  it("is allowed to the environments whose jobs read it, and to no other", async () => {
    const { resources } = await evaluateBootstrap(PROJECT_DIR);
    const reads = ["logs:GetLogEvents", "ecs:RunTask", "ecs:RegisterTaskDefinition"];
    for (const environment of ["staging", "production-rehearsal"]) {
      expect(allowed(resources, environment)).toEqual(expect.arrayContaining(reads));
    }
    // The production and preview deploy roles never run schema.yml's read.
    for (const environment of ["production", "preview"]) {
      expect(allowed(resources, environment)).not.toContain("logs:GetLogEvents");
    }
  }, 60_000);
});
