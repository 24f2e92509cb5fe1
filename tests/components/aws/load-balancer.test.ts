import {
  LOAD_BALANCER_TYPE,
  LoadBalancer,
  validateLoadBalancerArgs,
  type LoadBalancerArgs,
} from "../../../components/aws/load-balancer";
import { UserError } from "../../../components/errors";
import type { MockRun } from "../../../parity/offline/evaluate";
import { declaredInvokes } from "../../../parity/offline/invokes";
import { childProblems, findResource } from "../../helpers/graph";
import { runComponent } from "../../helpers/mock-run";
import { CERTIFICATE_PEM, PRIVATE_KEY_PEM } from "./container-service-fixtures";

const TARGET_SG = "sg-0target0000000000";

function lbArgs(overrides: Partial<LoadBalancerArgs> = {}): LoadBalancerArgs {
  return {
    vpcId: "vpc-0aaaaaaaaaaaaaaaa",
    subnetIds: ["subnet-0public000000000a", "subnet-0public000000000b"],
    targetPort: 8080,
    healthCheckPath: "/healthz",
    targetSecurityGroupId: TARGET_SG,
    certificate: { certificatePem: CERTIFICATE_PEM, privateKeyPem: PRIVATE_KEY_PEM },
    ...overrides,
  };
}

describe("validateLoadBalancerArgs", () => {
  it.each<[string, Partial<LoadBalancerArgs>, string]>([
    [
      "a single subnet",
      { subnetIds: ["subnet-0public000000000a"] },
      'LoadBalancer "web": `subnetIds` must name at least 2 public subnets in different zones (got 1). An application load balancer needs two zones.',
    ],
    [
      "a port out of range",
      { targetPort: 70000 },
      'LoadBalancer "web": `targetPort` must be an integer from 1 to 65535 (got 70000).',
    ],
    [
      "a health check path without a leading slash",
      { healthCheckPath: "healthz" },
      'LoadBalancer "web": `healthCheckPath` must be a URL path starting with "/" and without spaces, such as "/healthz" (got "healthz").',
    ],
  ])("refuses %s", (_case, overrides, message) => {
    expect(() => {
      validateLoadBalancerArgs("web", lbArgs(overrides));
    }).toThrow(new UserError(message));
  });
});

describe("LoadBalancer", () => {
  let run: MockRun;
  beforeAll(async () => {
    run = await runComponent(() => {
      const lb = new LoadBalancer("web", lbArgs());
      return { dnsName: lb.dnsName, securityGroupId: lb.securityGroupId };
    });
  });
  const get = (type: string, name: string) => findResource(run.resources, type, name);

  it("admits only Cloudflare's published IPv4 and IPv6 ranges, on 443 and 80 only", () => {
    const sg = get("aws:ec2/securityGroup:SecurityGroup", "web-sg");
    const ranges = declaredInvokes()["cloudflare:index/getIpRanges:getIpRanges"];
    const cloudflare = {
      protocol: "tcp",
      cidrBlocks: ranges?.ipv4Cidrs,
      ipv6CidrBlocks: ranges?.ipv6Cidrs,
    };
    expect(sg.inputs.ingress).toEqual([
      { ...cloudflare, fromPort: 443, toPort: 443, description: "HTTPS from Cloudflare only" },
      {
        ...cloudflare,
        fromPort: 80,
        toPort: 80,
        description: "HTTP (redirected to HTTPS) from Cloudflare only",
      },
    ]);
  });

  it("sends only to the targets' security group on the target port", () => {
    const sg = get("aws:ec2/securityGroup:SecurityGroup", "web-sg");
    expect(sg.inputs.egress).toEqual([
      {
        description: "Requests and health checks to the targets",
        protocol: "tcp",
        fromPort: 8080,
        toPort: 8080,
        securityGroups: [TARGET_SG],
      },
    ]);
  });

  it("is an internet-facing application load balancer in the public subnets behind that group", () => {
    const alb = get("aws:lb/loadBalancer:LoadBalancer", "web-alb");
    expect(alb.inputs).toMatchObject({
      loadBalancerType: "application",
      internal: false,
      subnets: ["subnet-0public000000000a", "subnet-0public000000000b"],
      securityGroups: [get("aws:ec2/securityGroup:SecurityGroup", "web-sg").id],
      dropInvalidHeaderFields: true,
    });
  });

  it("imports the origin certificate into ACM with its key kept secret", () => {
    const cert = get("aws:acm/certificate:Certificate", "web-origin-cert");
    expect(cert.inputs.certificateBody).toBe(CERTIFICATE_PEM);
    expect(cert.inputs.privateKey).toBe("[secret]");
    expect(cert.inputs).not.toHaveProperty("certificateChain");
  });

  it("serves HTTPS with that certificate and forwards to the target group", () => {
    const alb = get("aws:lb/loadBalancer:LoadBalancer", "web-alb");
    const https = get("aws:lb/listener:Listener", "web-https");
    expect(https.inputs).toEqual({
      loadBalancerArn: alb.outputs.arn,
      protocol: "HTTPS",
      port: 443,
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificateArn: get("aws:acm/certificate:Certificate", "web-origin-cert").outputs.arn,
      defaultActions: [
        {
          type: "forward",
          targetGroupArn: get("aws:lb/targetGroup:TargetGroup", "web-targets").outputs.arn,
        },
      ],
    });
  });

  it("only redirects plain HTTP to HTTPS", () => {
    const http = get("aws:lb/listener:Listener", "web-http");
    expect(http.inputs).toMatchObject({
      protocol: "HTTP",
      port: 80,
      defaultActions: [
        { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
      ],
    });
    expect(http.inputs).not.toHaveProperty("certificateArn");
  });

  it("health-checks the targets on the given path and port", () => {
    const targets = get("aws:lb/targetGroup:TargetGroup", "web-targets");
    expect(targets.inputs).toMatchObject({
      targetType: "ip",
      protocol: "HTTP",
      port: 8080,
      healthCheck: { path: "/healthz", port: "traffic-port", matcher: "200-399" },
    });
  });

  it("exposes the DNS name and the security group", () => {
    const alb = get("aws:lb/loadBalancer:LoadBalancer", "web-alb");
    expect(run.outputs).toEqual({
      dnsName: alb.outputs.dnsName,
      securityGroupId: get("aws:ec2/securityGroup:SecurityGroup", "web-sg").id,
    });
    expect(alb.outputs.dnsName).toMatch(
      /^web-alb-[0-9a-f]{7}-\d{10}\.us-east-1\.elb\.amazonaws\.com$/,
    );
  });

  it("names and parents every child from the component", () => {
    expect(childProblems(run.resources, LOAD_BALANCER_TYPE)).toEqual([]);
  });
});
