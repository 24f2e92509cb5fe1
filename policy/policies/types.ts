/** Type tokens of the resources the policies read. */
export const TYPES = {
  cluster: "aws:rds/cluster:Cluster",
  clusterInstance: "aws:rds/clusterInstance:ClusterInstance",
  instance: "aws:rds/instance:Instance",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  dnsRecord: "cloudflare:index/dnsRecord:DnsRecord",
  /** The DNS record of Cloudflare provider versions before 5. */
  legacyRecord: "cloudflare:index/record:Record",
  zoneSetting: "cloudflare:index/zoneSetting:ZoneSetting",
  awsProvider: "pulumi:providers:aws",
} as const;
