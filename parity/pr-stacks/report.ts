import type { OrphanedResources } from "./orphans";
import type { SweepDecision } from "./select";

/** What one sweep decided and found. */
export interface SweepReport {
  readonly decisions: readonly SweepDecision[];
  /** AWS resources tagged for a pull request whose stack is gone; they need a person. */
  readonly orphans: readonly OrphanedResources[];
}

/** The stacks to destroy, as the workflow's matrix reads them. */
export function destroyList(
  report: SweepReport,
): { stack: string; pullRequest: number; cancelStaleUpdate: boolean }[] {
  return report.decisions
    .filter((decision) => decision.action === "destroy")
    .map(({ stack, pullRequest, cancelStaleUpdate }) => ({
      stack,
      pullRequest,
      cancelStaleUpdate,
    }));
}

/** The sweep as markdown for the job summary: every decision, then every orphaned resource. */
export function renderSweepMarkdown(report: SweepReport): string {
  const lines = ["### Preview stack sweep", ""];
  if (report.decisions.length === 0) {
    lines.push("No pull-request stacks exist.");
  } else {
    lines.push("| stack | action | why |", "|---|---|---|");
    for (const d of report.decisions) {
      lines.push(`| \`${d.stack}\` | ${d.action} | ${d.reason.replaceAll("|", "\\|")} |`);
    }
  }
  if (report.orphans.length > 0) {
    lines.push(
      "",
      "#### Resources tagged for a pull request whose stack is gone",
      "",
      "A cancelled deploy created them without recording them, or a destroy left them. Delete them in the AWS console (or import them into a stack and destroy it):",
      "",
    );
    for (const orphan of report.orphans) {
      lines.push(`- pull request #${orphan.pullRequest}:`);
      for (const arn of orphan.arns) lines.push(`  - \`${arn}\``);
    }
  }
  return `${lines.join("\n")}\n`;
}
