import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CONTAINER_SERVICE_TYPE,
  ContainerService,
  validateContainerServiceArgs,
  type ContainerServiceArgs,
} from "../../../components/aws/container-service";
import { CONTAINER_IMAGE_TYPE } from "../../../components/aws/container-image";
import { LOAD_BALANCER_TYPE } from "../../../components/aws/load-balancer";
import { UserError } from "../../../components/errors";
import type { MockRun } from "../../../parity/offline/evaluate";
import type { RecordedResource } from "../../../parity/offline/recorder";
import { childProblems, findResource, ofType } from "../../helpers/graph";
import { runComponent } from "../../helpers/mock-run";
import {
  DB_SECRET_ARN,
  DB_SECURITY_GROUP,
  PRIVATE_KEY_PEM,
  STAGING_IMAGE,
  serviceArgs,
} from "./container-service-fixtures";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const SERVICE = "aws:ecs/service:Service";
const MIGRATION_RUN = "pulumi-nodejs:dynamic/parity:MigrationRun";
const OWNER = 'ContainerService "app"';

interface ContainerDefinition {
  name: string;
  image: string;
  command?: string[];
  portMappings?: unknown[];
  environment: { name: string; value: string }[];
  secrets: { name: string; valueFrom: string }[];
  logConfiguration: { logDriver: string; options: Record<string, string> };
}

function containers(taskDefinition: RecordedResource): ContainerDefinition[] {
  return JSON.parse(taskDefinition.inputs.containerDefinitions as string) as ContainerDefinition[];
}

function onlyContainer(taskDefinition: RecordedResource): ContainerDefinition {
  const [container, ...rest] = containers(taskDefinition);
  if (container === undefined || rest.length > 0) throw new Error("expected one container");
  return container;
}

describe("validateContainerServiceArgs", () => {
  it.each<[string, Partial<ContainerServiceArgs>, string]>([
    [
      "neither a build context nor an image reference",
      { image: {} },
      `${OWNER}: set one of \`buildContext\` (a directory to build the image from) or \`imageRef\` (an image pinned by digest, repo@sha256:<64 hex>); neither is set.`,
    ],
    [
      "both a build context and an image reference",
      { image: { buildContext: "app", imageRef: STAGING_IMAGE }, requirePinnedImage: false },
      `${OWNER}: set either \`buildContext\` or \`imageRef\`, not both (got buildContext "app" and imageRef "${STAGING_IMAGE}"). Build where the image is made (staging, pull requests); run the digest where it is promoted (production).`,
    ],
    [
      "an image without a digest where a pinned image is required",
      { image: { imageRef: "app:latest" }, requirePinnedImage: true },
      `${OWNER}: \`imageRef\` "app:latest" is not pinned by digest, but \`requirePinnedImage\` is set. Use the reference staging exported, repository@sha256:<64 hex>: a tag can point at a different image tomorrow.`,
    ],
    [
      "a CPU/memory pair Fargate does not accept",
      { cpu: 512, memory: 512 },
      `${OWNER}: \`memory\` 512 MiB is not accepted by Fargate with \`cpu\` 512; allowed memory for 512 CPU units: 1024, 2048, 3072, 4096. Change memory, or cpu to a size that allows 512 MiB.`,
    ],
    [
      "a CPU size Fargate does not run",
      { cpu: 768 },
      `${OWNER}: \`cpu\` must be one of 256, 512, 1024, 2048, 4096, 8192, 16384 (got 768). Fargate runs tasks only at these CPU sizes.`,
    ],
    [
      "more minimum than maximum tasks",
      { minTasks: 4, maxTasks: 2 },
      `${OWNER}: \`minTasks\` (4) must not exceed \`maxTasks\` (2). Lower minTasks or raise maxTasks.`,
    ],
    [
      "zero tasks",
      { minTasks: 0 },
      `${OWNER}: \`minTasks\` must be an integer from 1 to 100 (got 0).`,
    ],
    [
      "a fractional maximum",
      { maxTasks: 2.5 },
      `${OWNER}: \`maxTasks\` must be an integer from 1 to 100 (got 2.5).`,
    ],
    [
      "a health check path not starting with /",
      { healthCheckPath: "healthz" },
      `${OWNER}: \`healthCheckPath\` must be a URL path starting with "/" and without spaces, such as "/healthz" (got "healthz").`,
    ],
    [
      "a privileged container port",
      { containerPort: 80 },
      `${OWNER}: \`containerPort\` must be an integer from 1024 to 65535 (got 80). The container runs as an unprivileged user, which cannot bind lower ports.`,
    ],
    [
      "a log retention CloudWatch does not offer",
      { logRetentionDays: 10 },
      `${OWNER}: \`logRetentionDays\` must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 10). CloudWatch Logs accepts no other retention periods.`,
    ],
    [
      "a single private subnet",
      { privateSubnetIds: ["subnet-0private00000000a"] },
      `${OWNER}: \`privateSubnetIds\` must name at least 2 subnets in different zones (got 1), so losing a zone leaves the service running.`,
    ],
    [
      "an empty migration command",
      { migrationCommand: [] },
      `${OWNER}: \`migrationCommand\` must be a non-empty list of non-empty strings (got []), e.g. ["node", "dist/migrate-cli.js"].`,
    ],
    [
      "a migration deadline under a minute",
      { migrationDeadlineSeconds: 30 },
      `${OWNER}: \`migrationDeadlineSeconds\` must be a whole number of seconds, at least 60 (got 30).`,
    ],
  ])("refuses %s", (_case, overrides, message) => {
    expect(() => {
      validateContainerServiceArgs("app", serviceArgs(overrides));
    }).toThrow(new UserError(message));
  });

  it("accepts the defaults used across the tests", () => {
    expect(() => {
      validateContainerServiceArgs("app", serviceArgs());
    }).not.toThrow();
  });
});

describe("ContainerService running a promoted image", () => {
  let run: MockRun;
  beforeAll(async () => {
    run = await runComponent(() => {
      const service = new ContainerService("app", serviceArgs());
      return {
        loadBalancerDnsName: service.loadBalancerDnsName,
        releaseId: service.releaseId,
        imageRef: service.imageRef,
        clusterName: service.clusterName,
        serviceName: service.serviceName,
        migrationTaskDefinitionArn: service.migrationTaskDefinitionArn,
        taskSecurityGroupId: service.taskSecurityGroupId,
        privateSubnetIds: service.privateSubnetIds,
      };
    });
  });
  const get = (type: string, name: string) => findResource(run.resources, type, name);
  const tasksSg = () => get(SG, "app-tasks-sg");

  it("admits traffic to the tasks only from the load balancer's security group, on the container port", () => {
    expect(tasksSg().inputs).not.toHaveProperty("ingress");
    const rulesOnTasks = ofType(run.resources, INGRESS).filter(
      (rule) => rule.inputs.securityGroupId === tasksSg().id,
    );
    expect(rulesOnTasks.map((rule) => rule.inputs)).toEqual([
      {
        securityGroupId: tasksSg().id,
        referencedSecurityGroupId: get(SG, "app-lb-sg").id,
        ipProtocol: "tcp",
        fromPort: 8080,
        toPort: 8080,
        description: "Requests and health checks from the load balancer",
      },
    ]);
  });

  it("adds one rule to the database's security group, from the tasks on the database port", () => {
    const rulesOnDatabase = ofType(run.resources, INGRESS).filter(
      (rule) => rule.inputs.securityGroupId === DB_SECURITY_GROUP,
    );
    expect(rulesOnDatabase.map((rule) => rule.inputs)).toEqual([
      {
        securityGroupId: DB_SECURITY_GROUP,
        referencedSecurityGroupId: tasksSg().id,
        ipProtocol: "tcp",
        fromPort: 5432,
        toPort: 5432,
        description: "PostgreSQL from the application tasks",
      },
    ]);
  });

  it("lets the tasks send only to the database and to HTTPS", () => {
    const egress = ofType(run.resources, EGRESS).map((rule) => rule.inputs);
    expect(egress).toEqual([
      expect.objectContaining({
        securityGroupId: tasksSg().id,
        referencedSecurityGroupId: DB_SECURITY_GROUP,
        fromPort: 5432,
        toPort: 5432,
      }),
      expect.objectContaining({
        securityGroupId: tasksSg().id,
        cidrIpv4: "0.0.0.0/0",
        fromPort: 443,
        toPort: 443,
      }),
    ]);
  });

  it("runs the service in the private subnets without public IPs, behind the target group", () => {
    const service = get(SERVICE, "app-service");
    expect(service.inputs).toMatchObject({
      launchType: "FARGATE",
      desiredCount: 2,
      networkConfiguration: {
        subnets: ["subnet-0private00000000a", "subnet-0private00000000b"],
        securityGroups: [tasksSg().id],
        assignPublicIp: false,
      },
      loadBalancers: [
        {
          targetGroupArn: get("aws:lb/targetGroup:TargetGroup", "app-lb-targets").outputs.arn,
          containerName: "app",
          containerPort: 8080,
        },
      ],
      taskDefinition: get(TASK_DEFINITION, "app-app").outputs.arn,
    });
    expect(service.ignoreChanges).toEqual(["desiredCount"]);
  });

  it("rolls back a failed deployment with the circuit breaker, after a health check grace period", () => {
    expect(get(SERVICE, "app-service").inputs).toMatchObject({
      deploymentCircuitBreaker: { enable: true, rollback: true },
      healthCheckGracePeriodSeconds: 60,
      deploymentMinimumHealthyPercent: 100,
    });
  });

  it("scales between minTasks and maxTasks on CPU", () => {
    const target = get("aws:appautoscaling/target:Target", "app-scaling");
    const clusterName = get("aws:ecs/cluster:Cluster", "app-cluster").outputs.name as string;
    const serviceName = get(SERVICE, "app-service").outputs.name as string;
    expect(target.inputs).toEqual({
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${clusterName}/${serviceName}`,
      minCapacity: 2,
      maxCapacity: 6,
    });
    expect(get("aws:appautoscaling/policy:Policy", "app-cpu").inputs).toMatchObject({
      policyType: "TargetTrackingScaling",
      resourceId: `service/${clusterName}/${serviceName}`,
      targetTrackingScalingPolicyConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
        targetValue: 60,
      },
    });
  });

  it("sizes the Fargate task from cpu and memory and enables container insights", () => {
    expect(get(TASK_DEFINITION, "app-app").inputs).toMatchObject({
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: "512",
      memory: "1024",
    });
    expect(get("aws:ecs/cluster:Cluster", "app-cluster").inputs.settings).toEqual([
      { name: "containerInsights", value: "enabled" },
    ]);
  });

  it("hands the application its database, release and production settings as environment", () => {
    const app = onlyContainer(get(TASK_DEFINITION, "app-app"));
    expect(app.environment).toEqual([
      { name: "ASSET_PATH_PREFIX", value: "/assets/" },
      {
        name: "ASSET_STORE_BUCKET",
        value: get("aws:s3/bucket:Bucket", "app-assets").outputs.bucket,
      },
      { name: "ASSET_STORE_REGION", value: app.logConfiguration.options["awslogs-region"] },
      { name: "DB_NAME", value: "app" },
      { name: "DB_PORT", value: "5432" },
      { name: "DB_READER_HOST", value: "main.cluster-ro-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com" },
      { name: "DB_SECRET_ARN", value: DB_SECRET_ARN },
      { name: "DB_WRITER_HOST", value: "main.cluster-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com" },
      { name: "NODE_ENV", value: "production" },
      { name: "PORT", value: "8080" },
      { name: "RELEASE_ID", value: STAGING_IMAGE.slice(STAGING_IMAGE.indexOf("@") + 1) },
      { name: "UPSTREAM_IDLE_TIMEOUT_SECONDS", value: "60" },
    ]);
    expect(app.image).toBe(STAGING_IMAGE);
    expect(app.portMappings).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: "tcp" }]);
  });

  it("injects only the username from the secret: the rotating password is read by the app", () => {
    const app = onlyContainer(get(TASK_DEFINITION, "app-app"));
    expect(app.secrets).toEqual([{ name: "DB_USER", valueFrom: `${DB_SECRET_ARN}:username::` }]);
  });

  it("sends the container's logs to the log group, kept for logRetentionDays", () => {
    const logs = get("aws:cloudwatch/logGroup:LogGroup", "app-logs");
    expect(logs.inputs.retentionInDays).toBe(30);
    expect(onlyContainer(get(TASK_DEFINITION, "app-app")).logConfiguration).toEqual({
      logDriver: "awslogs",
      options: {
        "awslogs-group": logs.outputs.name,
        "awslogs-region": "us-east-1",
        "awslogs-stream-prefix": "app",
      },
    });
  });

  it("defines a migration task with the same image, environment, secrets and size", () => {
    const app = onlyContainer(get(TASK_DEFINITION, "app-app"));
    const migrationTask = get(TASK_DEFINITION, "app-migrate");
    const migrate = onlyContainer(migrationTask);
    expect(migrate.image).toBe(app.image);
    expect(migrate.command).toEqual(["node", "dist/migrate-cli.js"]);
    expect(migrate.environment).toEqual(app.environment);
    expect(migrate.secrets).toEqual(app.secrets);
    expect(migrate.portMappings).toBeUndefined();
    expect(migrationTask.inputs).toMatchObject({ cpu: "512", memory: "1024" });
    expect(migrationTask.inputs.executionRoleArn).toBe(
      get(TASK_DEFINITION, "app-app").inputs.executionRoleArn,
    );
  });

  it("runs the migration task of the release, in the tasks' network, before the service rolls out", () => {
    const migration = get(MIGRATION_RUN, "app-migration");
    expect(migration.inputs).toMatchObject({
      region: "us-east-1",
      cluster: get("aws:ecs/cluster:Cluster", "app-cluster").outputs.arn,
      taskDefinitionArn: get(TASK_DEFINITION, "app-migrate").outputs.arn,
      containerName: "migrate",
      subnetIds: serviceArgs().privateSubnetIds,
      securityGroupIds: [tasksSg().id],
      deadlineSeconds: 1800,
    });
    expect(get(SERVICE, "app-service").dependencies).toContain(migration.urn);
  });

  it("starts the migration only once the tasks can reach the database and read its secret", () => {
    const migration = get(MIGRATION_RUN, "app-migration");
    expect(migration.dependencies).toEqual(
      expect.arrayContaining([
        get("aws:iam/rolePolicy:RolePolicy", "app-execution").urn,
        get(EGRESS, "app-tasks-to-db").urn,
        get(EGRESS, "app-tasks-to-https").urn,
        get(INGRESS, "app-db-from-tasks").urn,
      ]),
    );
  });

  it("lets the execution role pull only from the image's repository, write its logs and read only the database secret", () => {
    const policy = get("aws:iam/rolePolicy:RolePolicy", "app-execution");
    const logGroupArn = get("aws:cloudwatch/logGroup:LogGroup", "app-logs").outputs.arn as string;
    expect(policy.inputs.role).toBe(get("aws:iam/role:Role", "app-execution").id);
    expect(JSON.parse(policy.inputs.policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
        {
          Sid: "PullImage",
          Effect: "Allow",
          Action: [
            "ecr:BatchCheckLayerAvailability",
            "ecr:BatchGetImage",
            "ecr:GetDownloadUrlForLayer",
          ],
          Resource: "arn:aws:ecr:eu-west-1:123456789012:repository/app-image-repo-1a2b3c4",
        },
        {
          Sid: "WriteLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: [logGroupArn, `${logGroupArn}:log-stream:*`],
        },
        {
          Sid: "ReadDatabaseSecret",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue"],
          Resource: DB_SECRET_ARN,
        },
      ],
    });
  });

  it("lets the application's own task role read the database secret, use its asset bucket's objects, and nothing else", () => {
    const taskRole = get("aws:iam/role:Role", "app-task");
    const policies = ofType(run.resources, "aws:iam/rolePolicy:RolePolicy").filter(
      (p) => p.inputs.role === taskRole.id,
    );
    expect(policies.map((p) => JSON.parse(String(p.inputs.policy)) as unknown)).toEqual([
      {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ReadDatabaseSecret",
            Effect: "Allow",
            Action: ["secretsmanager:GetSecretValue"],
            Resource: DB_SECRET_ARN,
          },
          {
            Sid: "PublishAndReadAssets",
            Effect: "Allow",
            Action: ["s3:PutObject", "s3:GetObject"],
            Resource: `${String(get("aws:s3/bucket:Bucket", "app-assets").outputs.arn)}/*`,
          },
        ],
      },
    ]);
    expect(get(TASK_DEFINITION, "app-app").inputs.taskRoleArn).toBe(taskRole.outputs.arn);
  });

  it("records no plaintext secret in any input", () => {
    const problems: string[] = [];
    const scan = (where: string, value: unknown): void => {
      if (typeof value === "string") {
        if (value.includes("PRIVATE KEY") || value.includes(PRIVATE_KEY_PEM.split("\n")[1] ?? "")) {
          problems.push(`${where} holds the private key`);
        }
        if (/^[[{]/.test(value)) {
          try {
            scan(`${where} (JSON)`, JSON.parse(value));
          } catch {
            // Not JSON: already scanned as text.
          }
        }
        return;
      }
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          scan(`${where}[${i}]`, item);
        });
        return;
      }
      if (typeof value !== "object" || value === null) return;
      const record = value as Record<string, unknown>;
      const named = typeof record.name === "string" ? record.name : "";
      // An ARN names a secret; it is not one.
      const names = typeof record.value === "string" && record.value.startsWith("arn:");
      if (/password|secret/i.test(named) && "value" in record && !names) {
        problems.push(`${where} sets ${named} as a plain value`);
      }
      for (const [key, inner] of Object.entries(record)) {
        const literal =
          typeof inner === "string" && inner !== "[secret]" && !inner.startsWith("arn:");
        if (/password|secret|privateKey/i.test(key) && literal) {
          problems.push(`${where}.${key} is a literal`);
        }
        scan(`${where}.${key}`, inner);
      }
    };
    for (const resource of run.resources)
      scan(`${resource.type} "${resource.name}"`, resource.inputs);
    expect(problems).toEqual([]);
  });

  it("exports what the promotion pipeline and run-task need", () => {
    const migrationArn = get(TASK_DEFINITION, "app-migrate").outputs.arn as string;
    expect(run.outputs).toEqual({
      loadBalancerDnsName: get("aws:lb/loadBalancer:LoadBalancer", "app-lb-alb").outputs.dnsName,
      releaseId: STAGING_IMAGE.slice(STAGING_IMAGE.indexOf("@") + 1),
      imageRef: STAGING_IMAGE,
      clusterName: get("aws:ecs/cluster:Cluster", "app-cluster").outputs.name,
      serviceName: get(SERVICE, "app-service").outputs.name,
      migrationTaskDefinitionArn: migrationArn,
      taskSecurityGroupId: tasksSg().id,
      privateSubnetIds: ["subnet-0private00000000a", "subnet-0private00000000b"],
    });
    expect(migrationArn).toMatch(/:task-definition\/app-cluster-[0-9a-f]{7}-migrate:1$/);
  });

  it("creates no image repository: the promoted image stays in the repository it was built in", () => {
    const image = get(CONTAINER_IMAGE_TYPE, "app-image");
    expect(run.resources.filter((r) => r.parent === image.urn)).toEqual([]);
    expect(ofType(run.resources, "aws:ecr/repository:Repository")).toEqual([]);
  });

  it.each([CONTAINER_SERVICE_TYPE, LOAD_BALANCER_TYPE])(
    "names and parents every child of %s from the component",
    (type) => {
      expect(childProblems(run.resources, type)).toEqual([]);
    },
  );
});

describe("ContainerService building its image", () => {
  let context: string;
  beforeAll(() => {
    context = mkdtempSync(path.join(tmpdir(), "app-"));
    writeFileSync(path.join(context, "Dockerfile"), "FROM scratch\n");
  });
  afterAll(() => {
    rmSync(context, { recursive: true, force: true });
  });

  it("runs the pushed digest in both task definitions and pulls only from its own repository", async () => {
    const { resources } = await runComponent(() => {
      new ContainerService(
        "app",
        serviceArgs({ image: { buildContext: context }, requirePinnedImage: false }),
      );
      return {};
    });
    const pushed = findResource(resources, "docker:index/image:Image", "app-image-build");
    const repository = findResource(resources, "aws:ecr/repository:Repository", "app-image-repo");
    const repoDigest = pushed.outputs.repoDigest as string;
    for (const name of ["app-app", "app-migrate"]) {
      const container = onlyContainer(findResource(resources, TASK_DEFINITION, name));
      expect(container.image).toBe(repoDigest);
      expect(container.environment).toContainEqual({
        name: "RELEASE_ID",
        value: repoDigest.slice(repoDigest.indexOf("@") + 1),
      });
    }
    const policy = findResource(resources, "aws:iam/rolePolicy:RolePolicy", "app-execution");
    const statements = (
      JSON.parse(policy.inputs.policy as string) as {
        Statement: { Sid: string; Resource: unknown }[];
      }
    ).Statement;
    expect(statements.find((s) => s.Sid === "PullImage")?.Resource).toBe(repository.outputs.arn);
  });
});

describe("ContainerService with a custom migration command", () => {
  it("runs that command in the migration task", async () => {
    const { resources } = await runComponent(() => {
      new ContainerService("app", serviceArgs({ migrationCommand: ["npm", "run", "migrate"] }));
      return {};
    });
    expect(onlyContainer(findResource(resources, TASK_DEFINITION, "app-migrate")).command).toEqual([
      "npm",
      "run",
      "migrate",
    ]);
  });
});
