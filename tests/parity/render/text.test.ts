import { renderText } from "../../../parity/render/text";
import { FAILING } from "./report-sample";

describe("the text report", () => {
  it("puts the verdict first, one line per section and per stack, and the findings last beside the verdict", () => {
    expect(renderText(FAILING, { color: false })).toMatchInlineSnapshot(`
     "✗ Parity broken: 1 finding (Parity).
       ✗ Parity  staging ↔ prod 1 unexplained difference
     Stacks:
       staging: 5 resources (offline evaluation)
       prod: 5 resources (offline evaluation)
     (--details for each section's breakdown, --resources for counts by type)

     Findings:
       ✗ Parity: aws:ec2/subnet:Subnet "main-public-0" mapPublicIpOnLaunch: in staging it is false, in prod it is true (inputs must be identical unless a declared knob differs). Fix: build it the same way in every stack (components never branch on the stack), or declare the knob that decides it in stacks/keys.ts.

     ✗ Parity broken: 1 finding (Parity).
     "
    `);
  });

  it("counts each stack's resources by type with --resources and shows the pairs with --details", () => {
    const text = renderText(FAILING, { color: false, resources: true, details: true });
    expect(text).toContain("      2  aws:ec2/subnet:Subnet\n");
    expect(text).toContain(
      "FAIL staging ↔ prod: 1 unexplained difference, 1 explained by logRetentionDays\n",
    );
  });

  it("prints the verdict alone with --quiet", () => {
    expect(renderText(FAILING, { color: false, quiet: true })).toBe(
      "✗ Parity broken: 1 finding (Parity).\n",
    );
  });

  it("colours only when asked to (on a terminal)", () => {
    expect(renderText(FAILING, { color: false })).not.toContain("\u001b[");
    expect(renderText(FAILING, { color: true })).toContain("\u001b[31m✗ Parity broken");
  });
});
