import {
  ECS_TASKS_TRUST,
  executionPolicy,
  taskPolicy,
} from "../../../components/aws/task-permissions";
import { declarationOf } from "../../../stacks/keys";

const LOGS = "arn:aws:logs:eu-west-1:123456789012:log-group:app-logs-1a2b3c4";
const SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-x-AbCdEf";
const ASSETS = "arn:aws:s3:::app-assets-1a2b3c4";
const READ_SECRET = {
  Sid: "ReadDatabaseSecret",
  Effect: "Allow" as const,
  Action: ["secretsmanager:GetSecretValue"],
  Resource: SECRET,
};
const REPOSITORY = "arn:aws:ecr:eu-west-1:123456789012:repository/app-image-repo-1a2b3c4";

interface Statement {
  Sid: string;
  Action: string[];
  Resource: string | string[];
}

function statements(policy: string): Statement[] {
  return (JSON.parse(policy) as { Statement: Statement[] }).Statement;
}

describe("executionPolicy", () => {
  it("grants pulls from exactly the image's ECR repository", () => {
    const pull = statements(executionPolicy(REPOSITORY, LOGS, [READ_SECRET])).find(
      (s) => s.Sid === "PullImage",
    );
    expect(pull?.Resource).toBe(REPOSITORY);
  });

  it("grants no ECR permission at all for an image outside ECR", () => {
    const actions = statements(executionPolicy(undefined, LOGS, [READ_SECRET])).flatMap(
      (s) => s.Action,
    );
    expect(actions).toEqual([
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "secretsmanager:GetSecretValue",
    ]);
  });

  it("never grants a wildcard except the account-wide ECR login, which has no resource form", () => {
    const wildcards = statements(executionPolicy(REPOSITORY, LOGS, [READ_SECRET])).filter(
      (s) => s.Resource === "*",
    );
    expect(wildcards.map((s) => s.Action)).toEqual([["ecr:GetAuthorizationToken"]]);
  });
});

describe("taskPolicy", () => {
  it("grants the application exactly its bindings' statements and the asset bucket's objects", () => {
    expect(statements(taskPolicy([READ_SECRET], ASSETS))).toEqual([
      {
        Sid: "ReadDatabaseSecret",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: SECRET,
      },
      {
        Sid: "PublishAndReadAssets",
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:GetObject"],
        Resource: `${ASSETS}/*`,
      },
    ]);
  });
});

describe("ECS_TASKS_TRUST", () => {
  it("lets only ECS tasks assume the role", () => {
    expect(JSON.parse(ECS_TASKS_TRUST)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
    });
  });
});

describe("what the image source explains in the execution policy", () => {
  it("drives only the PullImage statement's resource, the repository pulled from", () => {
    const statements = (
      JSON.parse(executionPolicy(REPOSITORY, LOGS, [READ_SECRET])) as { Statement: Statement[] }
    ).Statement;
    const policyDrives = (declarationOf("imageBuildContext").drives ?? []).filter(
      (d) => d.type === "aws:iam/rolePolicy:RolePolicy" && d.path.startsWith("policy."),
    );
    expect(policyDrives.map((d) => d.path)).toEqual(["policy.Statement.1.Resource"]);
    expect(statements[1]).toMatchObject({ Sid: "PullImage", Resource: REPOSITORY });
  });
});
