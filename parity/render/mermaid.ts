import type { ReportResource } from "../check/report";

function label(text: string): string {
  return `"${text.replace(/"/g, "#quot;")}"`;
}

/**
 * A Mermaid flowchart of a stack's topology: components (resources with children) as nodes, and
 * under each its custom children grouped by type with their count (`aws:ec2/subnet:Subnet ×6`),
 * so the diagram stays readable for thousands of resources.
 */
export function renderTopology(resources: readonly ReportResource[]): string {
  const parents = new Set(resources.map((r) => r.parent).filter((p) => p !== null));
  const ids = new Map<string, string>();
  const id = (key: string) => {
    let found = ids.get(key);
    if (found === undefined) {
      found = `n${ids.size}`;
      ids.set(key, found);
    }
    return found;
  };
  const lines = ["flowchart LR"];
  const groups = new Map<string, { parent: string | null; type: string; count: number }>();
  for (const r of resources) {
    if (parents.has(r.key) || !r.custom) {
      lines.push(`  ${id(r.key)}[${label(`${r.type} ${r.name}`)}]`);
      if (r.parent !== null) lines.push(`  ${id(r.parent)} --> ${id(r.key)}`);
      continue;
    }
    const group = `${r.parent ?? ""}\n${r.type}`;
    const entry = groups.get(group) ?? { parent: r.parent, type: r.type, count: 0 };
    groups.set(group, { ...entry, count: entry.count + 1 });
  }
  for (const [group, { parent, type, count }] of groups) {
    lines.push(`  ${id(group)}[${label(count === 1 ? type : `${type} ×${count}`)}]`);
    if (parent !== null) lines.push(`  ${id(parent)} --> ${id(group)}`);
  }
  return lines.join("\n");
}
