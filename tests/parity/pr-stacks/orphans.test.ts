import { readFileSync } from "node:fs";
import path from "node:path";
import { stackTags } from "../../../infra/tags";
import {
  findOrphans,
  parseTaggedResources,
  PR_NUMBER_TAG,
  PROJECT_TAG,
} from "../../../parity/pr-stacks/orphans";
import type { EnvironmentSpec } from "../../../stacks/spec";

const TAGGED = path.resolve(__dirname, "../../fixtures/aws-tagged-resources.json");
const resources = parseTaggedResources("tagged.json", readFileSync(TAGGED, "utf8"));

describe("findOrphans", () => {
  it("groups this project's resources of pull requests without a stack by number", () => {
    expect(findOrphans(resources, "parity-stack", new Set([41, 42]))).toEqual([
      {
        pullRequest: 38,
        arns: [
          "arn:aws:ec2:eu-west-1:123456789012:elastic-ip/eipalloc-0f1e2d3c4b5a69788",
          "arn:aws:ec2:eu-west-1:123456789012:natgateway/nat-0a1b2c3d4e5f60718",
        ],
      },
    ]);
  });

  it("finds nothing when every tagged pull request has its stack", () => {
    expect(findOrphans(resources, "parity-stack", new Set([38, 42]))).toEqual([]);
  });

  it("reads the tags the program puts on a pull-request stack's resources", () => {
    const tags = stackTags({
      project: "parity-stack",
      stack: "pr-38",
      values: { tier: "preview" },
      pullRequest: { number: 38, expiresAt: "2026-11-12T09:00:00Z" },
    } as unknown as EnvironmentSpec);
    expect(tags[PROJECT_TAG]).toBe("parity-stack");
    expect(tags[PR_NUMBER_TAG]).toBe("38");
  });

  it("refuses output that is not the tagging API's", () => {
    expect(() => parseTaggedResources("tagged.json", "[]")).toThrow(
      "tagged.json is not the output of the AWS tagging API (Invalid input: expected object, received array); write it with: aws resourcegroupstaggingapi get-resources --tag-filters Key=pr-number --output json > tagged.json",
    );
  });
});
