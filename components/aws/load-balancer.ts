import * as aws from "./sdk";
import * as cloudflare from "../cloudflare/sdk";
import * as pulumi from "@pulumi/pulumi";
import { check } from "../errors";
import { checkField } from "../field-rule";
import { LOAD_BALANCER_FIELDS } from "./load-balancer-fields";

export const LOAD_BALANCER_TYPE = "parity:aws:LoadBalancer";

/**
 * TLS policy of the HTTPS listener: TLS 1.3 and 1.2 with forward-secret ciphers only. Cloudflare
 * connects to the origin with TLS 1.2 or 1.3, so nothing older is needed.
 */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * Seconds the load balancer keeps an idle connection to a client or target (the ALB default).
 * The application is told (`UPSTREAM_IDLE_TIMEOUT_SECONDS`) and keeps its own connections open
 * longer, so the balancer always closes first: a target that closes first causes 502s.
 */
export const LOAD_BALANCER_IDLE_TIMEOUT_SECONDS = 60;

/** A certificate and its private key in PEM, as issued by the Cloudflare Origin CA. */
export interface OriginCertificate {
  /** The certificate (leaf) in PEM. */
  certificatePem: pulumi.Input<string>;
  /**
   * Its private key in PEM. Always handled as a Pulumi secret: it is encrypted in state and never
   * shown in previews.
   */
  privateKeyPem: pulumi.Input<string>;
}

export interface LoadBalancerArgs {
  /** VPC of the load balancer and its target group. */
  vpcId: pulumi.Input<string>;
  /**
   * Public subnets, one per zone (at least two): the load balancer is internet-facing, but its
   * security group admits only Cloudflare's published ranges.
   */
  subnetIds: pulumi.Input<string>[];
  /** Port the targets (tasks) listen on; target group traffic and health checks use it. */
  targetPort: number;
  /** Path the target group health check requests; a target is healthy on HTTP 200–399. */
  healthCheckPath: string;
  /**
   * Security group of the targets. The load balancer may send to it on `targetPort` and nowhere
   * else; the targets' group must admit this load balancer's group on its side.
   */
  targetSecurityGroupId: pulumi.Input<string>;
  /**
   * The origin certificate the HTTPS listener presents, imported into ACM. A Cloudflare Origin CA
   * certificate is trusted by Cloudflare only, which is what "Full (strict)" validates; no chain is
   * imported because Cloudflare validates against the Origin CA root it holds itself.
   */
  certificate: OriginCertificate;
}

/** Validates {@link LoadBalancerArgs}; throws a UserError that says what to change. */
export function validateLoadBalancerArgs(name: string, args: LoadBalancerArgs): void {
  const owner = `LoadBalancer "${name}"`;
  check(
    args.subnetIds.length >= 2,
    () =>
      `${owner}: \`subnetIds\` must name at least 2 public subnets in different zones (got ${args.subnetIds.length}). An application load balancer needs two zones.`,
  );
  checkField(owner, "targetPort", LOAD_BALANCER_FIELDS.targetPort, args.targetPort);
  checkField(owner, "healthCheckPath", LOAD_BALANCER_FIELDS.healthCheckPath, args.healthCheckPath);
}

/**
 * An internet-facing Application Load Balancer that only Cloudflare can reach: its security group
 * admits Cloudflare's published IPv4 and IPv6 ranges (read from Cloudflare's API at deploy time)
 * on 443 and 80 and nothing else, so nobody reaches the origin around the CDN. HTTPS presents the
 * origin certificate and forwards to an IP target group; HTTP only redirects to HTTPS.
 */
export class LoadBalancer extends pulumi.ComponentResource {
  readonly arn: pulumi.Output<string>;
  /** DNS name the CDN points at, `<name>-<digits>.<region>.elb.amazonaws.com`. */
  readonly dnsName: pulumi.Output<string>;
  /** Route 53 hosted zone of `dnsName`, for alias records. */
  readonly zoneId: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;
  readonly targetGroupArn: pulumi.Output<string>;
  /** `app/<name>/<id>`: the load balancer's CloudWatch dimension `LoadBalancer`. */
  readonly metricsName: pulumi.Output<string>;
  /** `targetgroup/<name>/<id>`: the target group's CloudWatch dimension `TargetGroup`. */
  readonly targetGroupMetricsName: pulumi.Output<string>;
  /** Raw children, for callers that need more than the outputs above. */
  readonly resources: {
    readonly loadBalancer: aws.lb.LoadBalancer;
    readonly targetGroup: aws.lb.TargetGroup;
    readonly httpsListener: aws.lb.Listener;
    readonly httpListener: aws.lb.Listener;
    readonly certificate: aws.acm.Certificate;
  };

  constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    super(LOAD_BALANCER_TYPE, name, {}, opts);
    validateLoadBalancerArgs(name, args);
    const parent = { parent: this };

    const cloudflareRanges = cloudflare.getIpRangesOutput({}, parent);
    const fromCloudflare = (port: number, purpose: string) => ({
      description: `${purpose} from Cloudflare only`,
      protocol: "tcp",
      fromPort: port,
      toPort: port,
      cidrBlocks: cloudflareRanges.ipv4Cidrs,
      ipv6CidrBlocks: cloudflareRanges.ipv6Cidrs,
    });
    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: args.vpcId,
        description: "Load balancer: HTTPS and HTTP from Cloudflare only, out to the targets only",
        ingress: [fromCloudflare(443, "HTTPS"), fromCloudflare(80, "HTTP (redirected to HTTPS)")],
        egress: [
          {
            description: "Requests and health checks to the targets",
            protocol: "tcp",
            fromPort: args.targetPort,
            toPort: args.targetPort,
            securityGroups: [args.targetSecurityGroupId],
          },
        ],
        tags: { Name: `${name}-sg` },
      },
      parent,
    );

    const loadBalancer = new aws.lb.LoadBalancer(
      `${name}-alb`,
      {
        loadBalancerType: "application",
        internal: false,
        ipAddressType: "ipv4",
        subnets: args.subnetIds,
        securityGroups: [securityGroup.id],
        dropInvalidHeaderFields: true,
        enableHttp2: true,
        idleTimeout: LOAD_BALANCER_IDLE_TIMEOUT_SECONDS,
        tags: { Name: `${name}-alb` },
      },
      parent,
    );
    const targetGroup = new aws.lb.TargetGroup(
      `${name}-targets`,
      {
        vpcId: args.vpcId,
        targetType: "ip",
        protocol: "HTTP",
        port: args.targetPort,
        deregistrationDelay: 30,
        healthCheck: {
          enabled: true,
          protocol: "HTTP",
          path: args.healthCheckPath,
          port: "traffic-port",
          matcher: "200-399",
          interval: 15,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
        },
        tags: { Name: `${name}-targets` },
      },
      parent,
    );
    const certificate = new aws.acm.Certificate(
      `${name}-origin-cert`,
      {
        certificateBody: args.certificate.certificatePem,
        privateKey: pulumi.secret(args.certificate.privateKeyPem),
        tags: { Name: `${name}-origin-cert` },
      },
      parent,
    );
    const httpsListener = new aws.lb.Listener(
      `${name}-https`,
      {
        loadBalancerArn: loadBalancer.arn,
        protocol: "HTTPS",
        port: 443,
        sslPolicy: TLS_POLICY,
        certificateArn: certificate.arn,
        defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
      },
      parent,
    );
    const httpListener = new aws.lb.Listener(
      `${name}-http`,
      {
        loadBalancerArn: loadBalancer.arn,
        protocol: "HTTP",
        port: 80,
        defaultActions: [
          {
            type: "redirect",
            redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
          },
        ],
      },
      parent,
    );

    this.arn = loadBalancer.arn;
    this.dnsName = loadBalancer.dnsName;
    this.zoneId = loadBalancer.zoneId;
    this.securityGroupId = securityGroup.id;
    this.targetGroupArn = targetGroup.arn;
    this.metricsName = loadBalancer.arnSuffix;
    this.targetGroupMetricsName = targetGroup.arnSuffix;
    this.resources = { loadBalancer, targetGroup, httpsListener, httpListener, certificate };
    this.registerOutputs({
      dnsName: this.dnsName,
      securityGroupId: this.securityGroupId,
      targetGroupArn: this.targetGroupArn,
    });
  }
}
