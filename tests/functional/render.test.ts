import { renderMarkdown, renderText } from "../../functional/render";
import type { SuiteReport } from "../../functional/types";

const report: SuiteReport = {
  url: "https://staging.example.com/",
  readOnly: false,
  ok: false,
  results: [
    { id: "page-loads", name: "The page loads", status: "pass" },
    {
      id: "read-your-writes",
      name: "A note saved in the form is read back at once",
      status: "fail",
      summary: "The note just saved was not read back.",
      expected: 'the page says "Saved and read back: x"',
      seen: 'the page alerted "404 <note> not found"',
      screenshot: "functional-results/read-your-writes.png",
      trace: "functional-results/read-your-writes.trace.zip",
    },
    { id: "other", name: "Another test", status: "skip", summary: "Read-only run." },
  ],
};

describe("the functional suite's reports", () => {
  it("print one line per test for people, with why a test failed and where its screenshot is", () => {
    expect(renderText(report)).toMatchInlineSnapshot(`
     "parity functional https://staging.example.com/
       PASS  The page loads
       FAIL  A note saved in the form is read back at once
             The note just saved was not read back.
             expected:   the page says "Saved and read back: x"
             seen:       the page alerted "404 <note> not found"
             screenshot: functional-results/read-your-writes.png
             trace:      functional-results/read-your-writes.trace.zip
       SKIP  Another test
     1 passed, 1 failed, 1 skipped: users would see it broken.
     "
    `);
  });

  it("put the verdict first in the job summary, fold each failure and name its files", () => {
    expect(renderMarkdown(report)).toMatchInlineSnapshot(`
     "### Functional tests: users would see it broken (1 passed, 1 failed, 1 skipped)

     Against https://staging.example.com/ in headless Chromium.

     - ✅ The page loads
     - ❌ A note saved in the form is read back at once
       <details><summary>why</summary><pre>The note just saved was not read back.
     expected:   the page says "Saved and read back: x"
     seen:       the page alerted "404 &lt;note&gt; not found"
     screenshot: read-your-writes.png
     trace:      read-your-writes.trace.zip</pre></details>
     - ⏭️ Another test
     "
    `);
  });
});
