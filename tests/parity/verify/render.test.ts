import { renderJson, renderText } from "../../../parity/verify/render";
import type { VerifyReport } from "../../../parity/verify/types";

const REPORT: VerifyReport = {
  url: "https://staging.example.com/",
  release: "r2",
  ok: false,
  checks: [
    { name: "healthz", status: "pass", summary: "/healthz answered 200." },
    {
      name: "read-your-writes",
      status: "fail",
      summary: "3 of 20 reads right after a write did not see it: reads hit a lagging replica.",
      expected: "every read of note 7 returns it",
      seen: 'read 1: 404 {"error":"note 7 not found"}',
    },
    { name: "migration", status: "skip", summary: "No --migration given." },
  ],
};

describe("verify renderers", () => {
  it("renders one line per check, expected and seen under failures, and a tally", () => {
    expect(renderText(REPORT)).toMatchInlineSnapshot(`
      "parity verify https://staging.example.com/ (release r2)
        PASS  healthz           /healthz answered 200.
        FAIL  read-your-writes  3 of 20 reads right after a write did not see it: reads hit a lagging replica.
                                expected: every read of note 7 returns it
                                seen:     read 1: 404 {"error":"note 7 not found"}
        SKIP  migration         No --migration given.
      1 passed, 1 failed, 1 skipped: the environment does not conform.
      "
    `);
  });

  it("renders JSON that parses back to the report", () => {
    expect(JSON.parse(renderJson(REPORT))).toEqual(REPORT);
  });
});
