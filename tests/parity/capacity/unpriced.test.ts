import { PRICED_TYPES } from "../../../parity/capacity/cost";
import { readPriceTable } from "../../../parity/capacity/prices";
import { unpricedTypes } from "../../../parity/capacity/unpriced";
import { resource } from "../../helpers/recorded-resource";

const free = { "aws:ec2/vpc:Vpc": "no charge of its own" };

describe("unpricedTypes", () => {
  it("names a type neither priced nor declared free, with the stacks that register it", () => {
    const queue = resource("aws:sqs/queue:Queue", "jobs", {});
    expect(
      unpricedTypes(
        [
          { stack: "staging", resources: [queue, resource("aws:ec2/vpc:Vpc", "main", {})] },
          { stack: "prod", resources: [queue, queue] },
        ],
        free,
      ),
    ).toEqual([{ type: "aws:sqs/queue:Queue", stacks: ["staging", "prod"] }]);
  });

  it("accepts a type the cost estimate prices and a type the table declares free", () => {
    const resources = [
      resource(PRICED_TYPES.natGateway, "nat", {}),
      resource("aws:ec2/vpc:Vpc", "main", {}),
    ];
    expect(unpricedTypes([{ stack: "staging", resources }], free)).toEqual([]);
  });

  it("counts neither components nor providers, which AWS does not bill", () => {
    const resources = [
      resource("parity:aws:Network", "main", {}, { custom: false }),
      resource("pulumi:providers:aws", "default", {}),
    ];
    expect(unpricedTypes([{ stack: "staging", resources }], {})).toEqual([]);
  });
});

describe("the price table's free types", () => {
  it("declares no type free that the cost estimate prices", () => {
    const free = Object.keys(readPriceTable().free);
    expect(Object.values(PRICED_TYPES).filter((type) => free.includes(type))).toEqual([]);
  });
});
