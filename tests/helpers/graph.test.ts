import * as aws from "../../components/aws/sdk";
import * as pulumi from "@pulumi/pulumi";
import { childProblems } from "./graph";
import { runComponent } from "./mock-run";

class Careless extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:index:Careless", name, {});
    new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: "10.0.0.0/16" });
    new aws.ec2.Vpc("hard-coded", { cidrBlock: "10.1.0.0/16" }, { parent: this });
    this.registerOutputs({});
  }
}

describe("childProblems", () => {
  it("reports a child named apart from its component and a child left without a parent", async () => {
    const { resources } = await runComponent(() => new Careless("web"));
    expect(childProblems(resources, "test:index:Careless")).toEqual([
      'aws:ec2/vpc:Vpc "hard-coded" is a child of "web" but not named "web-…"',
      'aws:ec2/vpc:Vpc "web-vpc" is named for "web" but not parented to it',
    ]);
  });

  it("reports a component type that was never registered", async () => {
    const { resources } = await runComponent(() => new Careless("web"));
    expect(childProblems(resources, "test:index:Missing")).toEqual([
      "no test:index:Missing was registered",
    ]);
  });
});
