import type { ParityReport } from "../../../parity/check/report";
import { COMMENT_BUDGET, GITHUB_BODY_LIMIT } from "../../../parity/render/github";
import { renderMarkdown } from "../../../parity/render/markdown";
import { FAILING } from "./report-sample";
import { visibleComment } from "./rendered-comment";

describe("the markdown report", () => {
  it("puts the verdict and one row per check first, the findings with their fix, and folds the details", () => {
    expect(
      renderMarkdown(FAILING, {
        commit: "0123456789abcdef0123",
        runUrl: "https://github.com/o/r/actions/runs/7",
      }),
    ).toMatchInlineSnapshot(`
     "## ❌ Parity broken: 1 finding (Parity)

     | Check | | Result |
     |---|---|---|
     | Parity | ❌ | staging ↔ prod 1 unexplained difference |

     ### Findings

     - ❌ **Parity**: aws:ec2/subnet:Subnet "main-public-0" mapPublicIpOnLaunch: in staging it is false, in prod it is true (inputs must be identical unless a declared knob differs). Fix: build it the same way in every stack (components never branch on the stack), or declare the knob that decides it in stacks/keys.ts.

     <details><summary>Parity</summary>

     | Stacks | Verdict | Unexplained | Explained |
     |---|---|---:|---:|
     | staging ↔ prod | ❌ differ | 1 | 1 |

     **staging ↔ prod, explained by \`logRetentionDays\`**

     | Resource | staging | prod |
     |---|---|---|
     | \`aws:cloudwatch/logGroup:LogGroup::app retentionInDays\` | \`14\` | \`365\` |

     </details>

     <details><summary>Stacks (2 stacks) and topology</summary>

     | Stack | Source | Resources | Most common types |
     |---|---|---:|---|
     | staging | offline evaluation | 5 | \`aws:ec2/subnet:Subnet\` ×2, \`aws:ec2/vpc:Vpc\` ×1, \`parity:aws:Network\` ×1 |
     | prod | offline evaluation | 5 | \`aws:ec2/subnet:Subnet\` ×2, \`aws:ec2/vpc:Vpc\` ×1, \`parity:aws:Network\` ×1 |

     Topology of staging, one node per component (components with differences in red):

     \`\`\`mermaid
     flowchart LR
       c0["Network main · 3 resources"]
       classDef diverged fill:#fdd,stroke:#c00
       class c0 diverged
     \`\`\`

     </details>

     <sub>commit \`0123456789ab\` · [workflow run](https://github.com/o/r/actions/runs/7) · updated in place on every push</sub>
     "
    `);
  });

  it("keeps every table outside <details>, rendered to HTML, to five columns or fewer", () => {
    const { tableColumns } = visibleComment(renderMarkdown(FAILING));
    expect(tableColumns.length).toBeGreaterThan(0);
    expect(Math.max(...tableColumns)).toBeLessThanOrEqual(5);
  });

  it("stays within GitHub's comment limit and says when it was cut", () => {
    const [finding] = FAILING.findings;
    if (finding === undefined) throw new Error("sample report has a finding");
    const many: ParityReport = {
      ...FAILING,
      findings: Array.from({ length: 5000 }, (_, i) => ({ ...finding, property: `tags.t${i}` })),
    };
    const markdown = renderMarkdown(many);

    expect(GITHUB_BODY_LIMIT).toBe(65_536);
    // The budget leaves room below GitHub's limit for what wraps the report (the sticky marker).
    expect(COMMENT_BUDGET).toBeLessThan(GITHUB_BODY_LIMIT);
    expect(markdown.length).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(markdown.startsWith("## ❌ Parity broken: 5000 findings (Parity)")).toBe(true);
    expect(markdown).toMatch(/> ⚠️ Cut to fit GitHub's comment limit: \d+ of 5000 findings shown/);
  });
});
