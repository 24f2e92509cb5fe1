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
