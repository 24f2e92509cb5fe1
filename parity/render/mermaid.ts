import type { ReportResource } from "../check/report";

function label(text: string): string {
  return `"${text.replace(/"/g, "#quot;")}"`;
}

/** The component a resource belongs to: its nearest ancestor that is not a custom resource. */
function componentOf(key: string, byKey: ReadonlyMap<string, ReportResource>): string | undefined {
  let parent = byKey.get(key)?.parent ?? null;
  while (parent !== null) {
    const resource = byKey.get(parent);
    if (resource === undefined || !resource.custom) return parent;
    parent = resource.parent;
  }
  return undefined;
}

/**
 * A Mermaid flowchart of a stack's topology with one node per component (`Network "main"`, 27
 * resources), nested as the components are; components that hold a resource in `diverged` are
 * drawn in red. Stays one screen for any number of resources.
 */
export function renderTopology(
  resources: readonly ReportResource[],
  diverged: ReadonlySet<string> = new Set(),
): string {
  const byKey = new Map(resources.map((r) => [r.key, r]));
  const components = resources.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack");
  const ids = new Map(components.map((c, i) => [c.key, `c${i}`]));
  const counts = new Map<string, number>();
  const red = new Set<string>();
  for (const r of resources) {
    if (!r.custom) continue;
    const component = componentOf(r.key, byKey);
    if (component === undefined) continue;
    counts.set(component, (counts.get(component) ?? 0) + 1);
    if (diverged.has(r.key)) red.add(component);
  }
  for (const key of diverged) if (ids.has(key)) red.add(key);
  const lines = ["flowchart LR"];
  for (const c of components) {
    const type = c.type.slice(c.type.lastIndexOf(":") + 1);
    const n = counts.get(c.key) ?? 0;
    lines.push(
      `  ${ids.get(c.key) ?? ""}[${label(`${type} ${c.name} · ${n} resource${n === 1 ? "" : "s"}`)}]`,
    );
    const parent = c.parent === null ? undefined : ids.get(c.parent);
    if (parent !== undefined) lines.push(`  ${parent} --> ${ids.get(c.key) ?? ""}`);
  }
  if (red.size > 0) {
    lines.push("  classDef diverged fill:#fdd,stroke:#c00");
    lines.push(`  class ${[...red].map((key) => ids.get(key) ?? "").join(",")} diverged`);
  }
  return lines.join("\n");
}
