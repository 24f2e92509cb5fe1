import type { EvaluatedStack } from "../offline/evaluate";
import type { RecordedResource } from "../offline/recorder";
import { identifiers, resourceLabel, stringsIn } from "./graph";
import type { BootstrapFinding } from "./report";

/** A reference from one stack's resource to a resource another stack owns. */
export interface ForeignReference {
  readonly resource: RecordedResource;
  readonly owner: string;
  readonly target: RecordedResource;
  /** The identifier of the target found in the resource's inputs. */
  readonly by: string;
}

/**
 * The references of `stack`'s resources to resources `owners` own, found by their identifiers
 * (ARN, repository URL, bucket, id) in the inputs: a stack refers to another's resources only by
 * value, through config, so this is where a teardown of the owner would leave it dangling.
 */
export function foreignReferences(
  stack: Pick<EvaluatedStack, "resources">,
  owners: readonly Pick<EvaluatedStack, "stack" | "resources">[],
): ForeignReference[] {
  const targets = owners.flatMap((owner) =>
    owner.resources.flatMap((target) =>
      identifiers(target).map((id) => ({ owner: owner.stack, target, id })),
    ),
  );
  return stack.resources.flatMap((resource) => {
    const strings = stringsIn(resource.inputs);
    const found = targets.find(({ id }) => strings.some((s) => s.includes(id)));
    return found === undefined
      ? []
      : [{ resource, owner: found.owner, target: found.target, by: found.id }];
  });
}

/**
 * No production resource may refer to a resource a staging or pull-request stack owns: those go
 * away (staging may be torn down and rebuilt, pull-request stacks always are), and production
 * would be left pointing at nothing, unable to start a task.
 */
export function checkProductionOwnership(
  production: readonly EvaluatedStack[],
  transient: readonly EvaluatedStack[],
): BootstrapFinding[] {
  return production.flatMap((stack) =>
    foreignReferences(stack, transient).map((reference) => ({
      rule: "prod-owns-its-dependencies" as const,
      resource: `${stack.stack}: ${resourceLabel(reference.resource)}`,
      message: `refers to ${reference.owner}'s ${resourceLabel(reference.target)} (${reference.by}), which goes away when ${reference.owner} is torn down. Fix: take it from the bootstrap (a shared, long-lived resource such as the image registry, imageRepositoryUrl) instead of from ${reference.owner}.`,
    })),
  );
}
