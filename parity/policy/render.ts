import { cell } from "../render/markdown-cell";
import type { PlanSection } from "../render/section";
import { plural } from "../render/values";
import { violationsAt, type PolicyReport, type PolicyViolation } from "./report";

function subject(violation: PolicyViolation): string {
  const { resource } = violation;
  return resource === undefined ? "the stack" : `${resource.name} (${resource.type})`;
}

function counts(report: PolicyReport) {
  const count = (level: "mandatory" | "advisory") =>
    report.stacks.reduce((n, stack) => n + violationsAt(stack, level).length, 0);
  return { mandatory: count("mandatory"), advisory: count("advisory") };
}

function verdict(report: PolicyReport): string {
  const { mandatory, advisory } = counts(report);
  const advice = advisory === 0 ? "" : ` (${plural(advisory, "advisory violation")})`;
  if (report.holds) {
    return `Policies hold: no mandatory violation in ${plural(report.stacks.length, "stack")}${advice}.`;
  }
  const stacks = report.stacks
    .filter((s) => violationsAt(s, "mandatory").length > 0)
    .map((s) => s.stack);
  return `Policies broken: ${plural(mandatory, "mandatory violation")} in ${stacks.join(", ")}${advice}.`;
}

function title(report: PolicyReport): string {
  const { pack } = report;
  const count = report.policies.length;
  return `${pack.name} ${pack.version} (${pack.folder}/, ${count} ${count === 1 ? "policy" : "policies"})`;
}

const MARK = { mandatory: "✗", advisory: "!" } as const;

/** The policies section of `parity plan`'s text output. */
export function renderPoliciesText(report: PolicyReport): string[] {
  const lines = [`Policies of ${title(report)}:`];
  for (const stack of report.stacks) {
    const [mandatory, advisory] = [
      violationsAt(stack, "mandatory").length,
      violationsAt(stack, "advisory").length,
    ];
    lines.push(
      `  ${mandatory === 0 ? "✓" : "✗"} ${stack.stack} (${stack.tier}): ${plural(stack.resources, "resource")}, ${mandatory} mandatory, ${advisory} advisory`,
    );
    for (const v of stack.violations) {
      lines.push(
        `      ${MARK[v.enforcementLevel]} ${v.policy} [${v.enforcementLevel}] ${subject(v)}: ${v.message}`,
      );
    }
  }
  lines.push(verdict(report));
  return lines;
}

const ICON = { mandatory: "❌", advisory: "⚠️" } as const;

/** The policies section of `parity plan`'s markdown: per stack, then each violation. */
export function renderPoliciesMarkdown(report: PolicyReport): string[] {
  const out = [
    `### ${report.holds ? "✅" : "❌"} Policies`,
    "",
    "| Stack | Tier | Resources | Mandatory | Advisory |",
    "|---|---|---:|---:|---:|",
    ...report.stacks.map(
      (s) =>
        `| ${cell(s.stack)} | ${s.tier} | ${s.resources} | ${violationsAt(s, "mandatory").length} | ${violationsAt(s, "advisory").length} |`,
    ),
  ];
  const violations = report.stacks.flatMap((s) => s.violations.map((v) => ({ ...v, s })));
  if (violations.length > 0) {
    out.push("", "| | Stack | Resource | Policy | Violation |", "|---|---|---|---|---|");
    for (const v of violations) {
      out.push(
        `| ${ICON[v.enforcementLevel]} | ${cell(v.s.stack)} | ${cell(subject(v))} | \`${v.policy}\` | ${cell(v.message)} |`,
      );
    }
  }
  out.push(
    "",
    `<details><summary>Policies of ${cell(title(report))}</summary>`,
    "",
    "| Policy | Level | What it guards |",
    "|---|---|---|",
    ...report.policies.map(
      (p) => `| \`${p.name}\` | ${p.enforcementLevel} | ${cell(p.description)} |`,
    ),
    "",
    "</details>",
    "",
    verdict(report),
  );
  return out;
}

/** The policies section of `parity plan`: mandatory violations fail it, advisory ones warn. */
export function policiesSection(report: PolicyReport): PlanSection {
  const at = (level: "mandatory" | "advisory") =>
    report.stacks.flatMap((s) =>
      violationsAt(s, level).map((v) => `${s.stack}: ${v.policy} — ${subject(v)}: ${v.message}`),
    );
  return {
    title: "Policies",
    ok: report.holds,
    summary: `${title(report)} on ${plural(report.stacks.length, "stack")}`,
    findings: at("mandatory"),
    warnings: at("advisory"),
    text: () => renderPoliciesText(report),
    markdown: () => renderPoliciesMarkdown(report),
  };
}
