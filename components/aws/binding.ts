import type * as pulumi from "@pulumi/pulumi";
import { check } from "../errors";

/** One IAM policy statement a binding grants. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: pulumi.Input<string> | readonly pulumi.Input<string>[];
}

/** A security group the tasks must reach, on one port. */
export interface Reach {
  /** Names the two rules: `<service>-tasks-to-<name>` and `<service>-<name>-from-tasks`. */
  readonly name: string;
  readonly securityGroupId: pulumi.Input<string>;
  readonly port: pulumi.Input<number>;
  /** What the traffic is, for the rules' descriptions: "PostgreSQL". */
  readonly protocol: string;
}

/**
 * What a component the application uses hands the container service (SST's `link`, in spirit):
 * everything the app needs to use it, so the service knows no database or queue by name.
 */
export interface Binding {
  /** Plain environment variables, by name. */
  readonly environment: Readonly<Record<string, pulumi.Input<string>>>;
  /** Variables ECS injects at start from Secrets Manager or SSM (`valueFrom`), by name. */
  readonly secrets: Readonly<Record<string, pulumi.Input<string>>>;
  /** What the application itself may do in AWS (the task role). */
  readonly taskStatements: readonly PolicyStatement[];
  /** What ECS needs to start a task with it, such as reading `secrets` (the execution role). */
  readonly executionStatements: readonly PolicyStatement[];
  /** Security groups the tasks must reach; the service adds the egress and ingress rules. */
  readonly reach: readonly Reach[];
  /** What must exist before a task uses it (a database's writer instance). */
  readonly readiness: readonly pulumi.Resource[];
}

/** Every binding of a service as one: variables, secrets and statements side by side. */
export interface MergedBindings {
  readonly environment: readonly { name: string; value: pulumi.Input<string> }[];
  readonly secrets: readonly { name: string; valueFrom: pulumi.Input<string> }[];
  readonly taskStatements: readonly PolicyStatement[];
  readonly executionStatements: readonly PolicyStatement[];
  readonly reach: readonly Reach[];
  readonly readiness: readonly pulumi.Resource[];
}

function byName<T extends { name: string }>(entries: T[]): T[] {
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Merges `bindings`, refusing two that set the same variable, statement id or reach name, or one
 * that sets a variable of the service's own (`reserved`): one would silently win.
 */
export function mergeBindings(
  owner: string,
  bindings: readonly Binding[],
  reserved: readonly string[],
): MergedBindings {
  const taken = new Set(reserved.map((name) => `variable ${name}`));
  const claim = (kind: string, name: string) => {
    check(
      !taken.has(`${kind} ${name}`),
      () =>
        `${owner}: two of its bindings, or a binding and the service itself, set the ${kind} ${name}. Allowed: each ${kind} from one place. Fix: rename it in one of the components.`,
    );
    taken.add(`${kind} ${name}`);
  };
  for (const binding of bindings) {
    for (const name of [...Object.keys(binding.environment), ...Object.keys(binding.secrets)]) {
      claim("variable", name);
    }
    for (const s of binding.taskStatements) claim("task role statement", s.Sid);
    for (const s of binding.executionStatements) claim("execution role statement", s.Sid);
    for (const r of binding.reach) claim("reach", r.name);
  }
  return {
    environment: byName(
      bindings.flatMap((b) =>
        Object.entries(b.environment).map(([name, value]) => ({ name, value })),
      ),
    ),
    secrets: byName(
      bindings.flatMap((b) =>
        Object.entries(b.secrets).map(([name, valueFrom]) => ({ name, valueFrom })),
      ),
    ),
    taskStatements: bindings.flatMap((b) => b.taskStatements),
    executionStatements: bindings.flatMap((b) => b.executionStatements),
    reach: bindings.flatMap((b) => b.reach),
    readiness: bindings.flatMap((b) => b.readiness),
  };
}
