import { identityNormaliser } from "../../../parity/graph/identity";

describe("normalising a stack's identity out of strings", () => {
  const normalise = identityNormaliser("prod", "parity-stack", {
    "{hostname}": "app.parity-stack.io",
    "{imageBuildContext}": "app",
  });

  it.each([
    ["parity-stack-prod-app", "{project}-{stack}-app"],
    ["arn:aws:iam::123456789012:role/x", "arn:aws:iam::{account}:role/x"],
    ["eu-west-1", "{region}"],
    ["eu-west-1a", "{region}a"],
    ["https://app.parity-stack.io/healthz", "https://{hostname}/healthz"],
    ["production", "production"],
    ["app", "app"],
    ["10.40.0.0/16", "10.40.0.0/16"],
  ])("turns %j into %j", (text, expected) => {
    expect(normalise(text)).toBe(expected);
  });
});

describe("identityNormaliser with the stack it is compared with", () => {
  it("names the other stack as a placeholder, as a whole word only", () => {
    const text = identityNormaliser("staging", "parity-stack", {}, "prod");

    expect(text("parity-stack-prod-app parity-stack-staging-app production")).toBe(
      "{project}-{other stack}-app {project}-{stack}-app production",
    );
  });
});
