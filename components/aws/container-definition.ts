import * as pulumi from "@pulumi/pulumi";

/**
 * How the application reaches its database. The Database component's outputs have exactly these
 * names, so a `Database` can be passed as it is.
 */
export interface DatabaseConnection {
  /** Cluster (writer) endpoint: writes, and reads that must see the session's own writes. */
  writerEndpoint: pulumi.Input<string>;
  /** Reader endpoint, load-balanced over the replicas; replicas lag the writer. */
  readerEndpoint: pulumi.Input<string>;
  port: pulumi.Input<number>;
  databaseName: pulumi.Input<string>;
  /**
   * Secrets Manager secret holding the master credentials as JSON (`username`, `password`), as
   * RDS-managed master passwords store them. RDS rotates the password every 7 days, so the app is
   * given the secret's ARN and reads the password itself when it connects (the task role may read
   * this one secret); ECS injects only the username, which never rotates (execution role).
   */
  secretArn: pulumi.Input<string>;
  /** The database's security group. This component adds the one rule admitting its tasks. */
  securityGroupId: pulumi.Input<string>;
  /**
   * What must exist before anything connects (the writer instance, `Database.connectable`): the
   * migration run and the service wait for it.
   */
  connectable: pulumi.Resource[];
}

/** What one container of the service's task definitions is made of. */
export interface ContainerDefinitionInputs {
  /** Container name; also the log stream prefix. */
  name: string;
  /** Image to run, `repository@sha256:…`. */
  image: pulumi.Input<string>;
  /** Handed to the application as `RELEASE_ID`. */
  releaseId: pulumi.Input<string>;
  /** Handed to the application as `ASSET_PATH_PREFIX`: where it serves the hashed assets. */
  assetPathPrefix: string;
  /** Handed to the application as `PORT`; published unless `command` is set. */
  port: number;
  /** A one-off command (migrations) instead of the image's own; such a container publishes no port. */
  command?: readonly string[] | undefined;
  database: DatabaseConnection;
  logGroupName: pulumi.Input<string>;
  region: pulumi.Input<string>;
  /** Idle timeout of the load balancer in front, handed to the app to outlast it. */
  upstreamIdleTimeoutSeconds: number;
  /** The bucket the app publishes its assets to and serves earlier releases' from. */
  assetStoreBucket: pulumi.Input<string>;
}

/**
 * One ECS container definition with the application's environment contract: production settings
 * in every environment (`NODE_ENV=production`, nothing for debugging), `PORT`, `RELEASE_ID`,
 * `ASSET_PATH_PREFIX`, `ASSET_STORE_BUCKET` and `ASSET_STORE_REGION` (every release's assets:
 * skew protection), `UPSTREAM_IDLE_TIMEOUT_SECONDS` (the load balancer's idle timeout, which
 * the app's keep-alive outlasts), `DB_WRITER_HOST`, `DB_READER_HOST`, `DB_PORT`, `DB_NAME`, and `DB_SECRET_ARN`, the secret the
 * app fetches the current password from whenever it connects (a password injected at task start
 * stops working after the next rotation). `DB_USER` is a `secret` ECS reads from the secret's
 * `username` key at start. No credential is ever a value in the task definition. Logs go to
 * CloudWatch through `awslogs`.
 */
export function containerDefinition(inputs: ContainerDefinitionInputs) {
  const { database, port, command } = inputs;
  return {
    name: inputs.name,
    image: inputs.image,
    essential: true,
    readonlyRootFilesystem: true,
    ...(command === undefined
      ? { portMappings: [{ containerPort: port, hostPort: port, protocol: "tcp" }] }
      : { command }),
    // In name order, as ECS returns them: any other order shows as a change on every refresh.
    environment: [
      { name: "ASSET_PATH_PREFIX", value: inputs.assetPathPrefix },
      { name: "ASSET_STORE_BUCKET", value: inputs.assetStoreBucket },
      { name: "ASSET_STORE_REGION", value: inputs.region },
      { name: "DB_NAME", value: database.databaseName },
      { name: "DB_PORT", value: pulumi.output(database.port).apply(String) },
      { name: "DB_READER_HOST", value: database.readerEndpoint },
      { name: "DB_SECRET_ARN", value: database.secretArn },
      { name: "DB_WRITER_HOST", value: database.writerEndpoint },
      { name: "NODE_ENV", value: "production" },
      { name: "PORT", value: String(port) },
      { name: "RELEASE_ID", value: inputs.releaseId },
      { name: "UPSTREAM_IDLE_TIMEOUT_SECONDS", value: String(inputs.upstreamIdleTimeoutSeconds) },
    ],
    secrets: [{ name: "DB_USER", valueFrom: pulumi.interpolate`${database.secretArn}:username::` }],
    logConfiguration: {
      logDriver: "awslogs",
      options: {
        "awslogs-group": inputs.logGroupName,
        "awslogs-region": inputs.region,
        "awslogs-stream-prefix": inputs.name,
      },
    },
  };
}
