import { MissingInvokeError } from "../../../parity/offline/invokes";
import { OfflineMocks } from "../../../parity/offline/mocks";
import { StrictMocks } from "../../helpers/strict-mocks";

const unlisted = (type: string, inputs: Record<string, unknown> = {}) => ({
  type,
  name: "jobs",
  inputs,
  provider: undefined,
  custom: true,
  id: undefined,
});

describe("the offline mocks", () => {
  it("derive an AWS resource's name and ARN from its type token and the stack", () => {
    const result = new OfflineMocks("staging").newResource(
      unlisted("aws:sqs/queue:Queue", { delaySeconds: 5 }),
    );

    expect(result.id).toMatch(/^jobs-[0-9a-f]{7}$/);
    expect(result.state).toEqual({
      delaySeconds: 5,
      name: result.id,
      arn: `arn:aws:sqs:us-east-1:123456789012:queue/${String(result.id)}`,
    });
  });

  it("echo the inputs of another provider's resource under a 32-hex id unique to the stack", () => {
    const type = "cloudflare:index/workersScript:WorkersScript";
    const staging = new OfflineMocks("staging").newResource(unlisted(type, { content: "x" }));
    const prod = new OfflineMocks("prod").newResource(unlisted(type, { content: "x" }));

    expect(staging.id).toMatch(/^[0-9a-f]{32}$/);
    expect(staging.id).not.toBe(prod.id);
    expect(staging.state).toMatchObject({ content: "x" });
  });

  it("refuse a type without a hand-written table in strict mode, for unit tests", () => {
    expect(() => new StrictMocks("test").newResource(unlisted("aws:sqs/queue:Queue"))).toThrow(
      'Mock not implemented: resource aws:sqs/queue:Queue ("jobs")',
    );
  });

  it("answer a declared invoke for the region of its provider", () => {
    const mocks = new OfflineMocks("staging");
    const provider = mocks.newResource({
      type: "pulumi:providers:aws",
      name: "aws",
      inputs: { region: "eu-west-1" },
      provider: undefined,
      custom: true,
      id: undefined,
    });

    const zones = mocks.call({
      token: "aws:index/getAvailabilityZones:getAvailabilityZones",
      inputs: {},
      provider: `urn:pulumi:staging::parity-stack::pulumi:providers:aws::aws::${String(provider.id)}`,
    });

    expect(zones.names).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
  });

  it("keep an invoke without a declared answer, naming where to declare it", () => {
    const mocks = new OfflineMocks("staging");

    expect(mocks.call({ token: "aws:index/getPartition:getPartition", inputs: {} })).toEqual({});
    expect(mocks.missingInvokes).toEqual([
      new MissingInvokeError("aws:index/getPartition:getPartition"),
    ]);
    expect(mocks.missingInvokes[0]?.message).toBe(
      'invoke aws:index/getPartition:getPartition has no offline answer. Fix: declare what it returns under "aws:index/getPartition:getPartition:" in parity/offline/invokes.yaml.',
    );
  });
});
