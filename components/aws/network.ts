import * as aws from "./sdk";
import * as pulumi from "@pulumi/pulumi";
import { UserError } from "../errors";
import { checkField } from "../field-rule";
import { privateSubnetCidr, publicSubnetCidr } from "./subnet-layout";
import { NETWORK_FIELDS } from "./network-fields";

export const NETWORK_TYPE = "parity:aws:Network";

export interface NetworkArgs {
  /**
   * IPv4 range of the VPC, a /16 of a private range (10/8, 172.16/12, 192.168/16). Each zone gets
   * a public and a private /20 of it.
   */
  cidrBlock: string;
  /**
   * Availability zones to span, taken in order from the region's available zones. Each zone gets
   * a public subnet, a private subnet and its own NAT gateway, so losing a zone never cuts the
   * others off. Cost: one NAT gateway (hourly plus per-GB) per zone.
   */
  azCount: number;
}

/** Validates {@link NetworkArgs}; throws a {@link UserError} that says what to change. */
export function validateNetworkArgs(name: string, args: NetworkArgs): void {
  const owner = `Network "${name}"`;
  checkField(
    owner,
    "azCount",
    NETWORK_FIELDS.azCount,
    args.azCount,
    "One zone has no failover, and production spans several.",
  );
  checkField(owner, "cidrBlock", NETWORK_FIELDS.cidrBlock, args.cidrBlock);
}

/**
 * A VPC across `azCount` zones: public subnets (load balancers, NAT gateways) routed to an
 * internet gateway, private subnets (tasks, databases) routed through a NAT gateway in their own
 * zone, and a default-deny baseline: the VPC's default security group has no rules, so anything
 * that forgets to name a security group can neither receive nor send traffic.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly cidrBlock: pulumi.Output<string>;
  /** Zone names in the order the subnets use them. */
  readonly availabilityZones: pulumi.Output<string>[];
  readonly publicSubnetIds: pulumi.Output<string>[];
  readonly privateSubnetIds: pulumi.Output<string>[];
  /**
   * What must exist before anything in the private subnets can reach the internet: each private
   * subnet's route table association and its default route through the NAT gateway (which itself
   * is created only once it is available). A task started earlier cannot pull its image, read a
   * secret or write a log line: whatever runs a task while it is created lists these in
   * `dependsOn`.
   */
  readonly privateEgress: pulumi.Resource[];
  /** Raw children, for callers that need more than the outputs above. */
  readonly resources: {
    readonly vpc: aws.ec2.Vpc;
    readonly natGateways: aws.ec2.NatGateway[];
  };

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super(NETWORK_TYPE, name, {}, opts);
    validateNetworkArgs(name, args);
    const parent = { parent: this };

    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: args.cidrBlock,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        tags: { Name: `${name}-vpc` },
      },
      parent,
    );
    new aws.ec2.DefaultSecurityGroup(
      `${name}-default-deny`,
      { vpcId: vpc.id, ingress: [], egress: [], tags: { Name: `${name}-default-deny` } },
      parent,
    );
    const internetGateway = new aws.ec2.InternetGateway(
      `${name}-igw`,
      { vpcId: vpc.id, tags: { Name: `${name}-igw` } },
      parent,
    );
    const publicRoutes = new aws.ec2.RouteTable(
      `${name}-public`,
      { vpcId: vpc.id, tags: { Name: `${name}-public` } },
      parent,
    );
    new aws.ec2.Route(
      `${name}-public-internet`,
      {
        routeTableId: publicRoutes.id,
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: internetGateway.id,
      },
      parent,
    );

    const zones = aws.getAvailabilityZonesOutput(
      { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
      parent,
    );
    const zoneNames = Array.from({ length: args.azCount }, (_, zone) =>
      zones.names.apply((names) => {
        const zoneName = names[zone];
        if (zoneName === undefined) {
          throw new UserError(
            `Network "${name}": \`azCount\` is ${args.azCount} but the region has only ${names.length} available zones (${names.join(", ")}). Lower azCount in Pulumi.yaml or choose another region.`,
          );
        }
        return zoneName;
      }),
    );

    const publicSubnetIds: pulumi.Output<string>[] = [];
    const privateSubnetIds: pulumi.Output<string>[] = [];
    const natGateways: aws.ec2.NatGateway[] = [];
    const privateEgress: pulumi.Resource[] = [];
    zoneNames.forEach((availabilityZone, zone) => {
      const publicSubnet = new aws.ec2.Subnet(
        `${name}-public-${zone}`,
        {
          vpcId: vpc.id,
          availabilityZone,
          cidrBlock: publicSubnetCidr(args.cidrBlock, zone),
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-public-${zone}`, tier: "public" },
        },
        parent,
      );
      new aws.ec2.RouteTableAssociation(
        `${name}-public-${zone}`,
        { subnetId: publicSubnet.id, routeTableId: publicRoutes.id },
        parent,
      );
      const address = new aws.ec2.Eip(
        `${name}-nat-${zone}`,
        { domain: "vpc", tags: { Name: `${name}-nat-${zone}` } },
        parent,
      );
      const nat = new aws.ec2.NatGateway(
        `${name}-nat-${zone}`,
        {
          subnetId: publicSubnet.id,
          allocationId: address.allocationId,
          connectivityType: "public",
          tags: { Name: `${name}-nat-${zone}` },
        },
        { parent: this, dependsOn: [internetGateway] },
      );
      const privateSubnet = new aws.ec2.Subnet(
        `${name}-private-${zone}`,
        {
          vpcId: vpc.id,
          availabilityZone,
          cidrBlock: privateSubnetCidr(args.cidrBlock, zone),
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-private-${zone}`, tier: "private" },
        },
        parent,
      );
      const privateRoutes = new aws.ec2.RouteTable(
        `${name}-private-${zone}`,
        { vpcId: vpc.id, tags: { Name: `${name}-private-${zone}` } },
        parent,
      );
      const natRoute = new aws.ec2.Route(
        `${name}-private-${zone}-nat`,
        {
          routeTableId: privateRoutes.id,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: nat.id,
        },
        parent,
      );
      const association = new aws.ec2.RouteTableAssociation(
        `${name}-private-${zone}`,
        { subnetId: privateSubnet.id, routeTableId: privateRoutes.id },
        parent,
      );
      privateEgress.push(natRoute, association);
      publicSubnetIds.push(publicSubnet.id);
      privateSubnetIds.push(privateSubnet.id);
      natGateways.push(nat);
    });

    this.vpcId = vpc.id;
    this.cidrBlock = vpc.cidrBlock;
    this.availabilityZones = zoneNames;
    this.publicSubnetIds = publicSubnetIds;
    this.privateSubnetIds = privateSubnetIds;
    this.privateEgress = privateEgress;
    this.resources = { vpc, natGateways };
    this.registerOutputs({
      vpcId: this.vpcId,
      publicSubnetIds: this.publicSubnetIds,
      privateSubnetIds: this.privateSubnetIds,
    });
  }
}
