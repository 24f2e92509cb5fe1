import type { MockResourceType } from "./types";

function ec2(prefix: string, arnResource?: string): MockResourceType {
  return {
    id: (ctx) => `${prefix}-0${ctx.hex(16)}`,
    state: (ctx) =>
      arnResource === undefined ? {} : { arn: ctx.arn("ec2", `${arnResource}/${ctx.id}`) },
  };
}

/** VPC networking: what the Network component registers. */
export const EC2_RESOURCES: Record<string, MockResourceType> = {
  "aws:ec2/vpc:Vpc": {
    id: (ctx) => `vpc-0${ctx.hex(16)}`,
    state: (ctx) => ({
      arn: ctx.arn("ec2", `vpc/${ctx.id}`),
      defaultSecurityGroupId: `sg-0${ctx.hex(16)}`,
      mainRouteTableId: `rtb-0${ctx.hex(16)}`,
      ownerId: ctx.accountId,
    }),
  },
  "aws:ec2/subnet:Subnet": ec2("subnet", "subnet"),
  "aws:ec2/internetGateway:InternetGateway": ec2("igw", "internet-gateway"),
  "aws:ec2/routeTable:RouteTable": ec2("rtb", "route-table"),
  "aws:ec2/route:Route": { id: (ctx) => `r-rtb-0${ctx.hex(16)}1080289494` },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": ec2("rtbassoc"),
  "aws:ec2/eip:Eip": {
    id: (ctx) => `eipalloc-0${ctx.hex(16)}`,
    state: (ctx) => ({
      allocationId: ctx.id,
      publicIp: `203.0.113.${(parseInt(ctx.hex(2), 16) % 254) + 1}`,
      arn: ctx.arn("ec2", `elastic-ip/${ctx.id}`),
    }),
  },
  "aws:ec2/natGateway:NatGateway": ec2("nat"),
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ec2("sg", "security-group"),
  "aws:ec2/securityGroup:SecurityGroup": ec2("sg", "security-group"),
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ec2("sgr", "security-group-rule"),
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ec2("sgr", "security-group-rule"),
};
