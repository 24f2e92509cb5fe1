import type { ParityReport } from "../../../parity/check/report";
import { renderMarkdown } from "../../../parity/render/markdown";
import { renderText } from "../../../parity/render/text";
import { FAILING } from "./report-sample";
import { visibleComment } from "./rendered-comment";

/** The sample report with its difference gone: parity holds, one difference explained by a knob. */
const PASSING: ParityReport = {
  ...FAILING,
  verdict: "pass",
  pairs: FAILING.pairs.map((pair) => ({ ...pair, verdict: "pass", findings: [] })),
  findings: [],
};

describe("a passing report", () => {
  it("reads in the terminal as the verdict, the section and the stacks", () => {
    expect(renderText(PASSING, { color: false })).toMatchInlineSnapshot(`
     "✓ Parity holds.
       ✓ Parity  staging ↔ prod the same, 1 difference explained by knobs
     Stacks:
       staging: 5 resources (offline evaluation)
       prod: 5 resources (offline evaluation)
     (--details for each section's breakdown, --resources for counts by type)
     "
    `);
  });

  it("fits one screen as a PR comment before anything is unfolded", () => {
    const markdown = renderMarkdown(PASSING);
    expect(markdown.split("<details>")[0]).toMatchInlineSnapshot(`
     "## ✅ Parity holds

     | Check | | Result |
     |---|---|---|
     | Parity | ✅ | staging ↔ prod the same, 1 difference explained by knobs |

     "
    `);
    expect(visibleComment(markdown).lines).toBeLessThanOrEqual(40);
  });
});
