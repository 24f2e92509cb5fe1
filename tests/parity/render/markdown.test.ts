import type { ParityReport } from "../../../parity/check/report";
import { GITHUB_BODY_LIMIT } from "../../../parity/render/github";
import { renderMarkdown } from "../../../parity/render/markdown";
import { FAILING } from "./report-sample";

describe("the markdown report", () => {
  it("puts the verdict first, then findings, explained differences, stacks and the topology", () => {
    expect(renderMarkdown(FAILING)).toMatchInlineSnapshot(`
     "## ❌ Parity broken: 1 unexplained difference

     | Stacks | Verdict | Unexplained | Explained by knobs |
     |---|---|---:|---|
     | staging ↔ prod | ❌ fail | 1 | 1 (\`logRetentionDays\`) |

     ### Findings

     | Stacks | Resource | Property | A | B | Rule |
     |---|---|---|---|---|---|
     | staging ↔ prod | \`aws:ec2/subnet:Subnet::main-public-0\` | \`mapPublicIpOnLaunch\` | \`false\` | \`true\` | inputs must be identical unless a declared knob differs |

     <details><summary>Differences explained by declared knobs</summary>

     | Stacks | Resource | Property | A | B | Knob |
     |---|---|---|---|---|---|
     | staging ↔ prod | \`aws:cloudwatch/logGroup:LogGroup::app\` | \`retentionInDays\` | \`14\` | \`365\` | \`logRetentionDays\` |

     </details>

     ### Stacks

     | Stack | Source | Resources | Most common types |
     |---|---|---:|---|
     | staging | offline evaluation | 5 | \`aws:ec2/subnet:Subnet\` ×2, \`aws:ec2/vpc:Vpc\` ×1, \`parity:aws:Network\` ×1 |
     | prod | offline evaluation | 5 | \`aws:ec2/subnet:Subnet\` ×2, \`aws:ec2/vpc:Vpc\` ×1, \`parity:aws:Network\` ×1 |

     ### Topology (staging)

     \`\`\`mermaid
     flowchart LR
       n0["parity:aws:Network main"]
       n1["pulumi:providers:aws"]
       n2["aws:ec2/vpc:Vpc"]
       n0 --> n2
       n3["aws:ec2/subnet:Subnet ×2"]
       n0 --> n3
     \`\`\`
     "
    `);
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
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(markdown.startsWith("## ❌ Parity broken: 5000 unexplained differences")).toBe(true);
    expect(markdown).toMatch(
      /> ⚠️ Cut to fit GitHub's 65,536-character comment limit: \d+ of 5000 findings shown/,
    );
  });
});
