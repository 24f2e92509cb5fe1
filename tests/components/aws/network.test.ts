import { Network, NETWORK_TYPE, validateNetworkArgs } from "../../../components/aws/network";
import { privateSubnetCidr, publicSubnetCidr } from "../../../components/aws/subnet-layout";
import { childProblems, findResource, ofType } from "../../helpers/graph";
import { runComponent } from "../../helpers/mock-run";

describe("the subnet layout", () => {
  it.each([
    [0, "10.40.0.0/20", "10.40.128.0/20"],
    [1, "10.40.16.0/20", "10.40.144.0/20"],
    [5, "10.40.80.0/20", "10.40.208.0/20"],
  ])("gives zone %i a public %s and a private %s", (zone, pub, priv) => {
    expect(publicSubnetCidr("10.40.0.0/16", zone)).toBe(pub);
    expect(privateSubnetCidr("10.40.0.0/16", zone)).toBe(priv);
  });
});

describe("Network validation", () => {
  it.each([
    [
      1,
      'Network "main": `azCount` must be an integer from 2 to 6 (got 1). One zone has no failover, and production spans several.',
    ],
    [
      7,
      'Network "main": `azCount` must be an integer from 2 to 6 (got 7). One zone has no failover, and production spans several.',
    ],
    [
      2.5,
      'Network "main": `azCount` must be an integer from 2 to 6 (got 2.5). One zone has no failover, and production spans several.',
    ],
  ])("refuses azCount %p", (azCount, message) => {
    expect(() => {
      validateNetworkArgs("main", { cidrBlock: "10.40.0.0/16", azCount });
    }).toThrow(message);
  });

  it("refuses a VPC range that is not a /16", () => {
    expect(() => {
      validateNetworkArgs("main", { cidrBlock: "10.40.0.0/20", azCount: 2 });
    }).toThrow(
      'Network "main": `cidrBlock` must be a private /16: 10.<0-255>.0.0/16, 172.<16-31>.0.0/16 or 192.168.0.0/16, such as "10.40.0.0/16" (got "10.40.0.0/20").',
    );
  });
});

describe("Network", () => {
  const run = () =>
    runComponent(() => {
      const network = new Network("edge", { cidrBlock: "10.9.0.0/16", azCount: 3 });
      return { zones: network.availabilityZones, private: network.privateSubnetIds };
    });

  it("spreads a public and a private subnet over each zone, in order", async () => {
    const { resources, outputs } = await run();
    const subnets = ofType(resources, "aws:ec2/subnet:Subnet").map((s) => ({
      name: s.name,
      cidrBlock: s.inputs.cidrBlock,
      availabilityZone: s.inputs.availabilityZone,
      mapPublicIpOnLaunch: s.inputs.mapPublicIpOnLaunch,
    }));
    expect(subnets).toEqual([
      {
        name: "edge-private-0",
        cidrBlock: "10.9.128.0/20",
        availabilityZone: "us-east-1a",
        mapPublicIpOnLaunch: false,
      },
      {
        name: "edge-private-1",
        cidrBlock: "10.9.144.0/20",
        availabilityZone: "us-east-1b",
        mapPublicIpOnLaunch: false,
      },
      {
        name: "edge-private-2",
        cidrBlock: "10.9.160.0/20",
        availabilityZone: "us-east-1c",
        mapPublicIpOnLaunch: false,
      },
      {
        name: "edge-public-0",
        cidrBlock: "10.9.0.0/20",
        availabilityZone: "us-east-1a",
        mapPublicIpOnLaunch: false,
      },
      {
        name: "edge-public-1",
        cidrBlock: "10.9.16.0/20",
        availabilityZone: "us-east-1b",
        mapPublicIpOnLaunch: false,
      },
      {
        name: "edge-public-2",
        cidrBlock: "10.9.32.0/20",
        availabilityZone: "us-east-1c",
        mapPublicIpOnLaunch: false,
      },
    ]);
    expect(outputs).toMatchObject({ zones: ["us-east-1a", "us-east-1b", "us-east-1c"] });
  });

  it("routes each private subnet through the NAT gateway of its own zone", async () => {
    const { resources } = await run();
    const nats = ofType(resources, "aws:ec2/natGateway:NatGateway");
    expect(nats).toHaveLength(3);
    for (const zone of [0, 1, 2]) {
      const nat = findResource(resources, "aws:ec2/natGateway:NatGateway", `edge-nat-${zone}`);
      const publicSubnet = findResource(resources, "aws:ec2/subnet:Subnet", `edge-public-${zone}`);
      const eip = findResource(resources, "aws:ec2/eip:Eip", `edge-nat-${zone}`);
      expect(nat.inputs).toMatchObject({ subnetId: publicSubnet.id, allocationId: eip.id });
      const table = findResource(
        resources,
        "aws:ec2/routeTable:RouteTable",
        `edge-private-${zone}`,
      );
      expect(
        findResource(resources, "aws:ec2/route:Route", `edge-private-${zone}-nat`).inputs,
      ).toEqual({
        routeTableId: table.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: nat.id,
      });
      const privateSubnet = findResource(
        resources,
        "aws:ec2/subnet:Subnet",
        `edge-private-${zone}`,
      );
      expect(
        findResource(
          resources,
          "aws:ec2/routeTableAssociation:RouteTableAssociation",
          `edge-private-${zone}`,
        ).inputs,
      ).toEqual({ subnetId: privateSubnet.id, routeTableId: table.id });
    }
  });

  it("routes public subnets to the internet gateway", async () => {
    const { resources } = await run();
    const igw = findResource(resources, "aws:ec2/internetGateway:InternetGateway", "edge-igw");
    const table = findResource(resources, "aws:ec2/routeTable:RouteTable", "edge-public");
    expect(findResource(resources, "aws:ec2/route:Route", "edge-public-internet").inputs).toEqual({
      routeTableId: table.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: igw.id,
    });
    const associations = ofType(resources, "aws:ec2/routeTableAssociation:RouteTableAssociation")
      .filter((a) => a.name.startsWith("edge-public-"))
      .map((a) => a.inputs.routeTableId);
    expect(associations).toEqual([table.id, table.id, table.id]);
  });

  it("strips every rule from the VPC's default security group", async () => {
    const { resources } = await run();
    const vpc = findResource(resources, "aws:ec2/vpc:Vpc", "edge-vpc");
    expect(vpc.inputs).toMatchObject({ cidrBlock: "10.9.0.0/16", enableDnsHostnames: true });
    expect(
      findResource(
        resources,
        "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
        "edge-default-deny",
      ).inputs,
    ).toMatchObject({ vpcId: vpc.id, ingress: [], egress: [] });
  });

  it("parents every child to the network and names it from the network", async () => {
    const { resources } = await run();
    expect(childProblems(resources, NETWORK_TYPE)).toEqual([]);
  });
});
