import { z } from "zod";
import { parseInput } from "./json-input";

/** `aws resourcegroupstaggingapi get-resources --tag-filters Key=pr-number --output json`. */
const taggedResources = z.looseObject({
  ResourceTagMappingList: z.array(
    z.looseObject({
      ResourceARN: z.string().min(1),
      Tags: z.array(z.looseObject({ Key: z.string(), Value: z.string() })).optional(),
    }),
  ),
});

/** The tag keys infra/tags.ts puts on every AWS resource of a pull-request stack. */
export const PR_NUMBER_TAG = "pr-number";
export const PROJECT_TAG = "project";

/** AWS resources tagged for a pull request whose stack no longer exists. */
export interface OrphanedResources {
  readonly pullRequest: number;
  readonly arns: readonly string[];
}

export function parseTaggedResources(
  file: string,
  text: string,
): z.infer<typeof taggedResources>["ResourceTagMappingList"] {
  return parseInput(
    taggedResources,
    file,
    text,
    "the output of the AWS tagging API",
    `aws resourcegroupstaggingapi get-resources --tag-filters Key=${PR_NUMBER_TAG} --output json`,
  ).ResourceTagMappingList;
}

/**
 * Groups the resources of `project` tagged with a pull-request number by that number, keeping
 * only numbers without a stack: what a cancelled deploy created but never recorded, or what a
 * destroy left behind. Resources of another project are not ours to judge.
 */
export function findOrphans(
  resources: ReturnType<typeof parseTaggedResources>,
  project: string,
  stackPullRequests: ReadonlySet<number>,
): OrphanedResources[] {
  const byNumber = new Map<number, string[]>();
  for (const resource of resources) {
    const tags = new Map((resource.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
    if (tags.get(PROJECT_TAG) !== project) continue;
    const number = Number(tags.get(PR_NUMBER_TAG));
    if (!Number.isInteger(number) || number <= 0 || stackPullRequests.has(number)) continue;
    byNumber.set(number, [...(byNumber.get(number) ?? []), resource.ResourceARN]);
  }
  return [...byNumber.entries()]
    .sort(([a], [b]) => a - b)
    .map(([pullRequest, arns]) => ({ pullRequest, arns: arns.sort() }));
}
