import { EDGE_RULE_FIELDS } from "../cloudflare/edge-rules";
import { integer } from "../field-rule";
import { FARGATE_SIZE_FIELDS } from "./fargate-sizes";
import { LOAD_BALANCER_FIELDS } from "./load-balancer-fields";
import { LOG_RETENTION_RULE } from "./log-retention";

/** Most tasks the service may run: bounds what a traffic spike, or a typo, can cost. */
const MAX_TASKS = 100;

/**
 * Rules of `ContainerServiceArgs` fields: the validator checks each of these args with its
 * rule, and the config loader declares the key that feeds one, if any, with the same rule object.
 */
export const CONTAINER_SERVICE_FIELDS = {
  ...FARGATE_SIZE_FIELDS,
  minTasks: integer(1, MAX_TASKS),
  maxTasks: integer(1, MAX_TASKS),
  // The container runs as an unprivileged user, which cannot bind ports below 1024.
  containerPort: integer(1024, 65535),
  healthCheckPath: LOAD_BALANCER_FIELDS.healthCheckPath,
  assetPathPrefix: EDGE_RULE_FIELDS.assetPathPrefix,
  logRetentionDays: LOG_RETENTION_RULE,
} as const;
