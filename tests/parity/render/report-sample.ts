import type { ParityReport, ReportResource } from "../../../parity/check/report";

function resource(
  type: string,
  name: string,
  parent: string | null,
  custom = true,
): ReportResource {
  return {
    key: `${type}::${name}`,
    type,
    name,
    parent,
    custom,
    protect: false,
    dependencies: [],
    inputs: {},
  };
}

const NETWORK = "parity:aws:Network::main";
const resources = [
  resource("pulumi:providers:aws", "aws", null),
  resource("parity:aws:Network", "main", null, false),
  resource("aws:ec2/vpc:Vpc", "main-vpc", NETWORK),
  resource("aws:ec2/subnet:Subnet", "main-public-0", NETWORK),
  resource("aws:ec2/subnet:Subnet", "main-public-1", NETWORK),
];

/** A small failing report: one finding between staging and prod, one explained difference. */
export const FAILING: ParityReport = {
  verdict: "fail",
  stacks: {
    staging: { source: "offline evaluation", resources },
    prod: { source: "offline evaluation", resources },
  },
  pairs: [
    {
      a: "staging",
      b: "prod",
      verdict: "fail",
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
      explained: [
        {
          kind: "input",
          resource: "aws:cloudwatch/logGroup:LogGroup::app",
          property: "retentionInDays",
          a: 14,
          b: 365,
          knob: "logRetentionDays",
        },
      ],
    },
  ],
  findings: [
    {
      kind: "input",
      resource: "aws:ec2/subnet:Subnet::main-public-0",
      property: "mapPublicIpOnLaunch",
      a: false,
      b: true,
      rule: "inputs must be identical unless a declared knob differs",
      stacks: ["staging", "prod"],
    },
  ],
  notes: [],
};
