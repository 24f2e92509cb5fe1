import * as aws from "./sdk";
import * as pulumi from "@pulumi/pulumi";
import { check } from "../errors";
import { checkField } from "../field-rule";
import { ContainerImage, validateImageSource, type ImageSource } from "./container-image";
import { mergeBindings, type Binding } from "./binding";
import { containerDefinition, SERVICE_VARIABLES } from "./container-definition";
import { validateFargateSize } from "./fargate-sizes";
import {
  LOAD_BALANCER_IDLE_TIMEOUT_SECONDS,
  LoadBalancer,
  type OriginCertificate,
} from "./load-balancer";
import { validateLogRetentionDays } from "./log-retention";
import { DEFAULT_MIGRATION_DEADLINE_SECONDS } from "./migration-client";
import { assetBucket } from "./asset-bucket";
import { metricAlarm } from "./metric-alarm";
import { MigrationRun } from "./migration-run";
import { DEPLOYMENT_ALARMS, serviceAlarms } from "./service-alarms";
import { ECS_TASKS_TRUST, executionPolicy, taskPolicy } from "./task-permissions";
import { CONTAINER_SERVICE_FIELDS } from "./container-service-fields";

export const CONTAINER_SERVICE_TYPE = "parity:aws:ContainerService";

/** Name of the application container in the service's task definition. */
export const APP_CONTAINER = "app";
/** Name of the container in the migration task definition. */
export const MIGRATION_CONTAINER = "migrate";
/** Average service CPU (percent) that autoscaling holds by adding or removing tasks. */
export const CPU_TARGET_PERCENT = 60;
/** Seconds a new task may fail load balancer health checks while it starts. */
export const HEALTH_CHECK_GRACE_SECONDS = 60;
/** The migration command when none is given. */
export const DEFAULT_MIGRATION_COMMAND = ["node", "dist/migrate-cli.js"] as const;

export interface ContainerServiceArgs {
  /** VPC of the load balancer, the tasks and the database. */
  vpcId: pulumi.Input<string>;
  /** Public subnets for the load balancer, one per zone, at least two. */
  publicSubnetIds: pulumi.Input<string>[];
  /** Private subnets the tasks run in, one per zone, at least two. Tasks get no public IP. */
  privateSubnetIds: pulumi.Input<string>[];
  /**
   * What gives `privateSubnetIds` their way out (`Network.privateEgress`: NAT routes and subnet
   * associations). Tasks pull their image, read secrets and write logs through it, so the
   * migration run and the service wait for it.
   */
  privateEgress: pulumi.Resource[];
  /** Where the image comes from: `{ buildContext }` or `{ imageRef }`, exactly one. */
  image: ImageSource;
  /**
   * Refuse anything but an image reference pinned by digest. Pass true for the production tier,
   * which runs the digest staging tested and never builds.
   */
  requirePinnedImage: boolean;
  /**
   * Delete the image repository with its images on `pulumi destroy`, so short-lived stacks can be
   * removed. Keep false where another stack runs images from this repository.
   * @default false
   */
  forceDeleteRepository?: boolean;
  /**
   * Delete the asset bucket with every release's assets on `pulumi destroy`, so short-lived stacks
   * can be removed. Keep false where pages of the stack's releases may still be open.
   * @default false
   */
  forceDeleteAssets?: boolean;
  /**
   * ARN of the IAM policy every role this service creates carries as its permissions boundary:
   * the bootstrap's, which the preview environment's deploy role may create roles only with, so
   * pull-request code cannot make a role more powerful than the role that deploys it.
   * @default undefined (roles without a boundary; the preview deploy role then cannot create them)
   */
  rolePermissionsBoundary?: string;
  /** Task CPU units (1024 = 1 vCPU); Fargate accepts 256–16384. Cost scales with it. */
  cpu: number;
  /** Task memory in MiB; Fargate accepts only certain sizes per CPU size. Cost scales with it. */
  memory: number;
  /**
   * Fewest running tasks, 1 to 100; autoscaling never goes below, and a new service starts with
   * this many.
   */
  minTasks: number;
  /** Most running tasks, 1 to 100; autoscaling never goes above. Bounds the cost of a traffic spike. */
  maxTasks: number;
  /** Port the application listens on (handed to it as `PORT`); 1024–65535, it runs unprivileged. */
  containerPort: number;
  /** Path the load balancer probes; the application must answer 2xx/3xx when ready. */
  healthCheckPath: string;
  /**
   * URL prefix the application serves its content-hashed assets under (`ASSET_PATH_PREFIX`); the
   * CDN caches that prefix as immutable, so both must use the same one.
   */
  assetPathPrefix: string;
  /** Days CloudWatch keeps the application's logs; one of the periods CloudWatch accepts. */
  logRetentionDays: number;
  /**
   * The named profile the AWS provider deploys with (`aws:profile`): the migration run calls ECS
   * with it, so it acts as the same identity as the rest of the update.
   * @default undefined: the default credential chain, as a provider without a profile
   */
  awsProfile?: string;
  /**
   * Notified when an alarm fires and when it clears (SNS topic ARNs). The alarms
   * ({@link SERVICE_ALARMS}) exist in every environment either way, and roll back a deployment.
   * @default [] (visible in CloudWatch; nobody is notified)
   */
  alarmActions?: pulumi.Input<string>[];
  /**
   * What the components the application uses hand it ({@link Binding}: the database's today, a
   * queue's tomorrow): variables, injected secrets, role statements, security groups to reach and
   * what to wait for. The service knows no database or queue by name.
   */
  bindings: readonly Binding[];
  /** Certificate and key the HTTPS listener presents to Cloudflare (a Cloudflare Origin CA certificate). */
  originCertificate: OriginCertificate;
  /**
   * Command of the one-off migration task: the same image, environment and secrets as the service,
   * run with `aws ecs run-task` before a new release rolls out.
   * @default ["node", "dist/migrate-cli.js"]
   */
  migrationCommand?: string[];
  /**
   * Seconds the migration of a release may run before it is stopped and the deployment fails,
   * with the old tasks still serving.
   * @default 1800
   */
  migrationDeadlineSeconds?: number;
}

/** Validates {@link ContainerServiceArgs}; throws a UserError that says what to change. */
export function validateContainerServiceArgs(name: string, args: ContainerServiceArgs): void {
  const owner = `ContainerService "${name}"`;
  validateImageSource(owner, args.image, args.requirePinnedImage);
  validateFargateSize(owner, args.cpu, args.memory);
  const fields = CONTAINER_SERVICE_FIELDS;
  checkField(owner, "minTasks", fields.minTasks, args.minTasks);
  checkField(owner, "maxTasks", fields.maxTasks, args.maxTasks);
  check(
    args.minTasks <= args.maxTasks,
    () =>
      `${owner}: \`minTasks\` (${args.minTasks}) must not exceed \`maxTasks\` (${args.maxTasks}). Lower minTasks or raise maxTasks.`,
  );
  checkField(
    owner,
    "containerPort",
    fields.containerPort,
    args.containerPort,
    "The container runs as an unprivileged user, which cannot bind lower ports.",
  );
  checkField(owner, "healthCheckPath", fields.healthCheckPath, args.healthCheckPath);
  checkField(
    owner,
    "assetPathPrefix",
    fields.assetPathPrefix,
    args.assetPathPrefix,
    "The CDN caches this prefix as immutable, so both must use the same one.",
  );
  validateLogRetentionDays(owner, args.logRetentionDays);
  for (const [arg, subnets] of [
    ["publicSubnetIds", args.publicSubnetIds],
    ["privateSubnetIds", args.privateSubnetIds],
  ] as const) {
    check(
      subnets.length >= 2,
      () =>
        `${owner}: \`${arg}\` must name at least 2 subnets in different zones (got ${subnets.length}), so losing a zone leaves the service running.`,
    );
  }
  const command = args.migrationCommand;
  check(
    command === undefined || (command.length > 0 && command.every((part) => part !== "")),
    () =>
      `${owner}: \`migrationCommand\` must be a non-empty list of non-empty strings (got ${JSON.stringify(command)}), e.g. ["node", "dist/migrate-cli.js"].`,
  );
  const deadline = args.migrationDeadlineSeconds;
  check(
    deadline === undefined || (Number.isInteger(deadline) && deadline >= 60),
    () =>
      `${owner}: \`migrationDeadlineSeconds\` must be a whole number of seconds, at least 60 (got ${deadline}).`,
  );
}

/**
 * The application on ECS Fargate behind a load balancer only Cloudflare can reach.
 *
 * - The image ({@link ContainerImage}): built and pushed to ECR, or an existing image pinned by
 *   digest; its digest is the release id, handed to the container as `RELEASE_ID`.
 * - The load balancer ({@link LoadBalancer}) in the public subnets: HTTPS with the origin
 *   certificate, HTTP redirected, open to Cloudflare's published ranges only.
 * - Tasks in the private subnets, no public IP, in a security group that admits only the load
 *   balancer on `containerPort`, and may send only to what the bindings reach (each on its port,
 *   with one ingress rule on its security group admitting the tasks) and to HTTPS (ECR, Secrets
 *   Manager and CloudWatch Logs, through the NAT gateways).
 * - The container gets production settings in every environment (`NODE_ENV=production`, no debug),
 *   `PORT`, `RELEASE_ID`, its asset settings, and what each {@link Binding} hands it: variables,
 *   secrets ECS injects (never plain values in the task definition), role statements, and what to
 *   wait for. The database's binding gives `DB_*` and the right to read its one secret.
 * - Rolling deployments with the circuit breaker and automatic rollback; CPU target tracking
 *   between `minTasks` and `maxTasks`.
 * - A migration task definition (same image, environment and secrets) and a {@link MigrationRun}
 *   of it that the service depends on: each release's migrations run (and must exit 0) before its
 *   tasks replace the old ones. CI can run the same task with `aws ecs run-task` in
 *   `privateSubnetIds` with `taskSecurityGroupId` (the rehearsal on a clone of the data).
 */
export class ContainerService extends pulumi.ComponentResource {
  /** DNS name of the load balancer: the origin the CDN record points at. */
  readonly loadBalancerDnsName: pulumi.Output<string>;
  /** The digest of the image the service runs, also the container's `RELEASE_ID`. */
  readonly releaseId: pulumi.Output<string>;
  /** The image the service runs, `repository@sha256:…`: what promotion hands to production. */
  readonly imageRef: pulumi.Output<string>;
  readonly clusterName: pulumi.Output<string>;
  readonly serviceName: pulumi.Output<string>;
  /** The one-off migration task definition (with revision), for `aws ecs run-task`. */
  readonly migrationTaskDefinitionArn: pulumi.Output<string>;
  /** Security group to run the migration task in (it reaches the database). */
  readonly taskSecurityGroupId: pulumi.Output<string>;
  /** Private subnets to run the migration task in. */
  readonly privateSubnetIds: pulumi.Output<string[]>;
  /**
   * What must exist before traffic is sent to the load balancer: its HTTPS listener, presenting
   * the origin certificate. A proxied record in strict TLS mode waits for it (Cloudflare answers
   * 526 while the origin has no valid certificate).
   */
  readonly originReady: pulumi.Resource[];
  /** Raw children, for callers that need more than the outputs above. */
  readonly resources: {
    readonly image: ContainerImage;
    readonly loadBalancer: LoadBalancer;
    readonly cluster: aws.ecs.Cluster;
    readonly service: aws.ecs.Service;
    readonly taskDefinition: aws.ecs.TaskDefinition;
    readonly migrationTaskDefinition: aws.ecs.TaskDefinition;
    readonly migrationRun: MigrationRun;
  };

  constructor(name: string, args: ContainerServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super(CONTAINER_SERVICE_TYPE, name, {}, opts);
    validateContainerServiceArgs(name, args);
    const parent = { parent: this };
    const { containerPort } = args;
    const bindings = mergeBindings(`ContainerService "${name}"`, args.bindings, SERVICE_VARIABLES);

    const image = new ContainerImage(
      `${name}-image`,
      {
        ...args.image,
        requirePinnedImage: args.requirePinnedImage,
        forceDelete: args.forceDeleteRepository ?? false,
      },
      parent,
    );

    // Network access: load balancer → tasks → what the bindings reach, and nothing else in.
    const taskSecurityGroup = new aws.ec2.SecurityGroup(
      `${name}-tasks-sg`,
      {
        vpcId: args.vpcId,
        description: "Application tasks: in from the load balancer only",
        tags: { Name: `${name}-tasks-sg` },
      },
      parent,
    );
    const loadBalancer = new LoadBalancer(
      `${name}-lb`,
      {
        vpcId: args.vpcId,
        subnetIds: args.publicSubnetIds,
        targetPort: containerPort,
        healthCheckPath: args.healthCheckPath,
        targetSecurityGroupId: taskSecurityGroup.id,
        certificate: args.originCertificate,
      },
      parent,
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-tasks-from-lb`,
      {
        securityGroupId: taskSecurityGroup.id,
        referencedSecurityGroupId: loadBalancer.securityGroupId,
        ipProtocol: "tcp",
        fromPort: containerPort,
        toPort: containerPort,
        description: "Requests and health checks from the load balancer",
      },
      parent,
    );
    const tasksToHttps = new aws.vpc.SecurityGroupEgressRule(
      `${name}-tasks-to-https`,
      {
        securityGroupId: taskSecurityGroup.id,
        cidrIpv4: "0.0.0.0/0",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "HTTPS to AWS APIs (ECR, Secrets Manager, CloudWatch Logs) through NAT",
      },
      parent,
    );
    const reachRules = bindings.reach.flatMap((reach) => [
      new aws.vpc.SecurityGroupEgressRule(
        `${name}-tasks-to-${reach.name}`,
        {
          securityGroupId: taskSecurityGroup.id,
          referencedSecurityGroupId: reach.securityGroupId,
          ipProtocol: "tcp",
          fromPort: reach.port,
          toPort: reach.port,
          description: `${reach.protocol} to ${reach.name}`,
        },
        parent,
      ),
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-${reach.name}-from-tasks`,
        {
          securityGroupId: reach.securityGroupId,
          referencedSecurityGroupId: taskSecurityGroup.id,
          ipProtocol: "tcp",
          fromPort: reach.port,
          toPort: reach.port,
          description: `${reach.protocol} from the application tasks`,
        },
        parent,
      ),
    ]);

    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { retentionInDays: args.logRetentionDays },
      parent,
    );

    // Roles: the execution role is what ECS uses to start a task; the task role is what the
    // application itself may do in AWS: what its bindings grant, and its asset bucket.
    const executionRole = new aws.iam.Role(
      `${name}-execution`,
      {
        assumeRolePolicy: ECS_TASKS_TRUST,
        description:
          "ECS starts the application: pull its image, write its logs, read the secrets it injects",
        permissionsBoundary: args.rolePermissionsBoundary,
      },
      parent,
    );
    const executionPolicyDocument = pulumi
      .all([image.pullRepositoryArn, logGroup.arn, pulumi.output(bindings.executionStatements)])
      .apply(([pull, logs, statements]) => executionPolicy(pull, logs, statements));
    const executionRolePolicy = new aws.iam.RolePolicy(
      `${name}-execution`,
      { role: executionRole.id, policy: executionPolicyDocument },
      parent,
    );
    const taskRole = new aws.iam.Role(
      `${name}-task`,
      {
        assumeRolePolicy: ECS_TASKS_TRUST,
        description: "The application's own AWS permissions: what its bindings grant, its assets",
        permissionsBoundary: args.rolePermissionsBoundary,
      },
      parent,
    );
    // Every release's assets outlive it here, so pages of one release find their assets on tasks
    // of another (rolling deploys, tabs left open).
    const assets = assetBucket(name, args.forceDeleteAssets ?? false, this);
    const taskRolePolicy = new aws.iam.RolePolicy(
      `${name}-task`,
      {
        role: taskRole.id,
        policy: pulumi
          .all([pulumi.output(bindings.taskStatements), assets.arn])
          .apply(([statements, bucket]) => taskPolicy(statements, bucket)),
      },
      parent,
    );

    const cluster = new aws.ecs.Cluster(
      `${name}-cluster`,
      { settings: [{ name: "containerInsights", value: "enabled" }] },
      parent,
    );
    const region = aws.getRegionOutput({}, parent).region;
    const taskDefinition = (suffix: string, containerName: string, command?: readonly string[]) =>
      new aws.ecs.TaskDefinition(
        `${name}-${suffix}`,
        {
          family: pulumi.interpolate`${cluster.name}-${suffix}`,
          requiresCompatibilities: ["FARGATE"],
          networkMode: "awsvpc",
          cpu: String(args.cpu),
          memory: String(args.memory),
          runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
          executionRoleArn: executionRole.arn,
          taskRoleArn: taskRole.arn,
          containerDefinitions: pulumi.jsonStringify([
            containerDefinition({
              name: containerName,
              image: image.imageRef,
              releaseId: image.releaseId,
              assetPathPrefix: args.assetPathPrefix,
              port: containerPort,
              command,
              bindings,
              logGroupName: logGroup.name,
              region,
              upstreamIdleTimeoutSeconds: LOAD_BALANCER_IDLE_TIMEOUT_SECONDS,
              assetStoreBucket: assets.bucket,
            }),
          ]),
        },
        parent,
      );
    const appTask = taskDefinition("app", APP_CONTAINER);
    const migrationTask = taskDefinition(
      "migrate",
      MIGRATION_CONTAINER,
      args.migrationCommand ?? DEFAULT_MIGRATION_COMMAND,
    );

    // Each release migrates first: the service update waits for the migration to exit 0.
    const migrationRun = new MigrationRun(
      `${name}-migration`,
      {
        region,
        ...(args.awsProfile === undefined ? {} : { profile: args.awsProfile }),
        cluster: cluster.arn,
        taskDefinitionArn: migrationTask.arn,
        containerName: MIGRATION_CONTAINER,
        subnetIds: args.privateSubnetIds,
        securityGroupIds: [taskSecurityGroup.id],
        deadlineSeconds: args.migrationDeadlineSeconds ?? DEFAULT_MIGRATION_DEADLINE_SECONDS,
      },
      // The task pulls its image and reads the password (task role) through the private subnets'
      // egress, and connects to the writer: all of it must be usable before it starts.
      {
        parent: this,
        dependsOn: [
          executionRolePolicy,
          taskRolePolicy,
          tasksToHttps,
          ...reachRules,
          ...bindings.readiness,
          ...args.privateEgress,
        ],
      },
    );

    const alarmSpecs = serviceAlarms(loadBalancer.metricsName, loadBalancer.targetGroupMetricsName);
    const alarms = new Map(
      Object.entries(alarmSpecs).map(([alarm, spec]) => [
        alarm,
        metricAlarm(`${name}-${alarm}`, spec, args.alarmActions ?? [], parent),
      ]),
    );

    const service = new aws.ecs.Service(
      `${name}-service`,
      {
        cluster: cluster.arn,
        taskDefinition: appTask.arn,
        launchType: "FARGATE",
        platformVersion: "LATEST",
        desiredCount: args.minTasks,
        networkConfiguration: {
          subnets: args.privateSubnetIds,
          securityGroups: [taskSecurityGroup.id],
          assignPublicIp: false,
        },
        loadBalancers: [
          {
            targetGroupArn: loadBalancer.targetGroupArn,
            containerName: APP_CONTAINER,
            containerPort,
          },
        ],
        deploymentCircuitBreaker: { enable: true, rollback: true },
        // A rollout that raises errors or latency without failing health checks is rolled back.
        alarms: {
          alarmNames: DEPLOYMENT_ALARMS.flatMap((alarm) => alarms.get(alarm)?.name ?? []),
          enable: true,
          rollback: true,
        },
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        healthCheckGracePeriodSeconds: HEALTH_CHECK_GRACE_SECONDS,
        enableEcsManagedTags: true,
        propagateTags: "SERVICE",
        enableExecuteCommand: false,
        waitForSteadyState: true,
      },
      {
        parent: this,
        // Autoscaling owns the running count once the service exists.
        ignoreChanges: ["desiredCount"],
        dependsOn: [
          loadBalancer.resources.httpsListener,
          executionRolePolicy,
          taskRolePolicy,
          migrationRun,
          ...bindings.readiness,
          ...args.privateEgress,
        ],
      },
    );

    const scaling = new aws.appautoscaling.Target(
      `${name}-scaling`,
      {
        serviceNamespace: "ecs",
        scalableDimension: "ecs:service:DesiredCount",
        resourceId: pulumi.interpolate`service/${cluster.name}/${service.name}`,
        minCapacity: args.minTasks,
        maxCapacity: args.maxTasks,
      },
      parent,
    );
    new aws.appautoscaling.Policy(
      `${name}-cpu`,
      {
        policyType: "TargetTrackingScaling",
        serviceNamespace: scaling.serviceNamespace,
        scalableDimension: scaling.scalableDimension,
        resourceId: scaling.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          predefinedMetricSpecification: {
            predefinedMetricType: "ECSServiceAverageCPUUtilization",
          },
          targetValue: CPU_TARGET_PERCENT,
          scaleOutCooldown: 60,
          scaleInCooldown: 300,
        },
      },
      parent,
    );

    this.loadBalancerDnsName = loadBalancer.dnsName;
    this.releaseId = image.releaseId;
    this.imageRef = image.imageRef;
    this.clusterName = cluster.name;
    this.serviceName = service.name;
    this.migrationTaskDefinitionArn = migrationTask.arn;
    this.taskSecurityGroupId = taskSecurityGroup.id;
    this.privateSubnetIds = pulumi.output(args.privateSubnetIds);
    this.originReady = [loadBalancer.resources.httpsListener];
    this.resources = {
      image,
      loadBalancer,
      cluster,
      service,
      taskDefinition: appTask,
      migrationTaskDefinition: migrationTask,
      migrationRun,
    };
    this.registerOutputs({
      loadBalancerDnsName: this.loadBalancerDnsName,
      releaseId: this.releaseId,
      imageRef: this.imageRef,
      clusterName: this.clusterName,
      serviceName: this.serviceName,
      migrationTaskDefinitionArn: this.migrationTaskDefinitionArn,
      taskSecurityGroupId: this.taskSecurityGroupId,
    });
  }
}
