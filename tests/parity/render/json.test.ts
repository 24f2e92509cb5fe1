import { renderJson } from "../../../parity/render/json";
import { FAILING } from "./report-sample";

describe("the JSON report", () => {
  it("has the verdict, each stack's resources and the findings with both values", () => {
    const json = JSON.parse(renderJson(FAILING)) as Record<string, unknown>;

    expect(json).toMatchObject({
      verdict: "fail",
      stacks: { staging: { resources: expect.any(Array) as unknown } },
      findings: [
        {
          kind: "input",
          resource: "aws:ec2/subnet:Subnet::main-public-0",
          property: "mapPublicIpOnLaunch",
          a: false,
          b: true,
          rule: "inputs must be identical unless a declared knob differs",
        },
      ],
    });
    expect((json.stacks as Record<string, { resources: unknown[] }>).staging?.resources[0]).toEqual(
      {
        key: "pulumi:providers:aws::aws",
        type: "pulumi:providers:aws",
        name: "aws",
        parent: null,
        custom: true,
        protect: false,
        dependencies: [],
        inputs: {},
      },
    );
  });

  it("writes a value one stack does not set as null", () => {
    const [finding] = FAILING.findings;
    if (finding === undefined) throw new Error("sample report has a finding");
    const report = { ...FAILING, findings: [{ ...finding, a: undefined }] };

    expect(renderJson(report)).toContain('"a": null');
  });
});
