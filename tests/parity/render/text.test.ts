import { renderText } from "../../../parity/render/text";
import { FAILING } from "./report-sample";

describe("the text report", () => {
  it("lists each stack's resources, each pair's verdict and findings, and the verdict last", () => {
    expect(renderText(FAILING, { color: false })).toMatchInlineSnapshot(`
     "staging (offline evaluation): 5 resources
          2  aws:ec2/subnet:Subnet
          1  aws:ec2/vpc:Vpc
          1  parity:aws:Network
          1  pulumi:providers:aws
     prod (offline evaluation): 5 resources
          2  aws:ec2/subnet:Subnet
          1  aws:ec2/vpc:Vpc
          1  parity:aws:Network
          1  pulumi:providers:aws

     FAIL staging ↔ prod: 1 unexplained difference, 1 explained by logRetentionDays
       ✗ aws:ec2/subnet:Subnet::main-public-0 mapPublicIpOnLaunch
           staging: false
           prod: true
           rule: inputs must be identical unless a declared knob differs

     Parity broken: 1 unexplained difference.
     "
    `);
  });

  it("colours only when asked to (on a terminal)", () => {
    expect(renderText(FAILING, { color: false })).not.toContain("\u001b[");
    expect(renderText(FAILING, { color: true })).toContain("\u001b[31mFAIL\u001b[39m");
  });
});
