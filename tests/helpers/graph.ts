import type { RecordedResource } from "../../parity/offline/recorder";

/** The one resource of `type` named `name`; fails the test when there is not exactly one. */
export function findResource(
  resources: readonly RecordedResource[],
  type: string,
  name: string,
): RecordedResource {
  const found = resources.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) {
    const names = resources.filter((r) => r.type === type).map((r) => r.name);
    throw new Error(
      `expected one ${type} "${name}", found ${found.length} (have: ${names.join(", ")})`,
    );
  }
  return found[0] as RecordedResource;
}

/** Every resource of `type`, sorted by name. */
export function ofType(resources: readonly RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Problems with the children of every component of `componentType`: a child whose name does not
 * start with `<component name>-`, and a resource named like a child that is not parented to the
 * component (it was created without `{ parent: this }`). Empty when all is well.
 */
export function childProblems(
  resources: readonly RecordedResource[],
  componentType: string,
): string[] {
  const components = resources.filter((r) => r.type === componentType);
  if (components.length === 0) return [`no ${componentType} was registered`];
  const problems: string[] = [];
  for (const component of components) {
    const prefix = `${component.name}-`;
    const children = resources.filter((r) => r.parent === component.urn);
    if (children.length === 0) problems.push(`${component.name} has no children`);
    for (const child of children) {
      if (!child.name.startsWith(prefix)) {
        problems.push(
          `${child.type} "${child.name}" is a child of "${component.name}" but not named "${prefix}…"`,
        );
      }
    }
    for (const r of resources) {
      if (
        r.name.startsWith(prefix) &&
        r.parent !== component.urn &&
        !isDescendant(resources, r, component.urn)
      ) {
        problems.push(
          `${r.type} "${r.name}" is named for "${component.name}" but not parented to it`,
        );
      }
    }
  }
  return problems;
}

function isDescendant(
  resources: readonly RecordedResource[],
  resource: RecordedResource,
  ancestorUrn: string,
): boolean {
  let parent = resource.parent;
  while (parent !== undefined) {
    if (parent === ancestorUrn) return true;
    parent = resources.find((r) => r.urn === parent)?.parent;
  }
  return false;
}
