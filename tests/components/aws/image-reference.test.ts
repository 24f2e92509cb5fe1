import { ecrRepositoryArn, parseImageReference } from "../../../components/aws/image-reference";

const DIGEST = `sha256:${"ab".repeat(32)}`;

describe("parseImageReference", () => {
  it.each([
    ["node:20-slim", { repository: "node", tag: "20-slim", digest: undefined }],
    [`node@${DIGEST}`, { repository: "node", tag: undefined, digest: DIGEST }],
    [
      `registry.example.com:5000/team/app:1.2@${DIGEST}`,
      { repository: "registry.example.com:5000/team/app", tag: "1.2", digest: DIGEST },
    ],
    [
      "registry.example.com:5000/team/app",
      { repository: "registry.example.com:5000/team/app", tag: undefined, digest: undefined },
    ],
    ["app@sha256:short", { repository: "app", tag: undefined, digest: undefined }],
  ])("splits %s", (ref, parts) => {
    expect(parseImageReference(ref)).toEqual(parts);
  });
});

describe("ecrRepositoryArn", () => {
  it.each([
    [
      `123456789012.dkr.ecr.eu-west-1.amazonaws.com/parity-stack-app@${DIGEST}`,
      "arn:aws:ecr:eu-west-1:123456789012:repository/parity-stack-app",
    ],
    [
      `123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1@${DIGEST}`,
      "arn:aws:ecr:eu-west-1:123456789012:repository/team/app",
    ],
    [
      `123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app@${DIGEST}`,
      "arn:aws-cn:ecr:cn-north-1:123456789012:repository/app",
    ],
    [`ghcr.io/acme/app@${DIGEST}`, undefined],
    [`public.ecr.aws/acme/app@${DIGEST}`, undefined],
  ])("derives the repository of %s", (ref, arn) => {
    expect(ecrRepositoryArn(ref)).toBe(arn);
  });
});
