// The parts of @pulumi/cloudflare the project uses, under the package's own names
// (`cloudflare.Ruleset`, `cloudflare.types.input.RulesetRule`). The package root holds every
// Cloudflare resource (some 780 declaration files in each type check, as components/aws/sdk.ts
// explains for AWS); each resource is also importable on its own. A new resource is one more line.
export { DnsRecord } from "@pulumi/cloudflare/dnsRecord";
export { getIpRangesOutput } from "@pulumi/cloudflare/getIpRanges";
export { OriginCaCertificate } from "@pulumi/cloudflare/originCaCertificate";
export { Provider } from "@pulumi/cloudflare/provider";
export { Ruleset } from "@pulumi/cloudflare/ruleset";
export * as types from "@pulumi/cloudflare/types";
export { ZoneSetting } from "@pulumi/cloudflare/zoneSetting";
