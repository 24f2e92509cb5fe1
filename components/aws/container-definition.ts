import type * as pulumi from "@pulumi/pulumi";
import type { MergedBindings } from "./binding";

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
  /** What the components the application uses hand it (variables and injected secrets). */
  bindings: Pick<MergedBindings, "environment" | "secrets">;
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
 * skew protection), `UPSTREAM_IDLE_TIMEOUT_SECONDS` (the load balancer's idle timeout, which the
 * app's keep-alive outlasts), and what the bindings hand it (the database's `DB_*`; a secret only
 * ever as a reference ECS resolves at start, never a value in the task definition). Logs go to
 * CloudWatch through `awslogs`.
 */
/** The variables the service itself sets, whatever the bindings: no binding may set one. */
export const SERVICE_VARIABLES = [
  "ASSET_PATH_PREFIX",
  "ASSET_STORE_BUCKET",
  "ASSET_STORE_REGION",
  "NODE_ENV",
  "PORT",
  "RELEASE_ID",
  "UPSTREAM_IDLE_TIMEOUT_SECONDS",
] as const;

function serviceEnvironment(
  inputs: ContainerDefinitionInputs,
): Record<(typeof SERVICE_VARIABLES)[number], pulumi.Input<string>> {
  return {
    ASSET_PATH_PREFIX: inputs.assetPathPrefix,
    ASSET_STORE_BUCKET: inputs.assetStoreBucket,
    ASSET_STORE_REGION: inputs.region,
    NODE_ENV: "production",
    PORT: String(inputs.port),
    RELEASE_ID: inputs.releaseId,
    UPSTREAM_IDLE_TIMEOUT_SECONDS: String(inputs.upstreamIdleTimeoutSeconds),
  };
}

export function containerDefinition(inputs: ContainerDefinitionInputs) {
  const { bindings, port, command } = inputs;
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
      ...Object.entries(serviceEnvironment(inputs)).map(([name, value]) => ({ name, value })),
      ...bindings.environment,
    ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    secrets: bindings.secrets,
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
