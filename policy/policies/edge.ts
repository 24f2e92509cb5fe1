import type { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "./types";

const RECORDS = new Set<string>([TYPES.dnsRecord, TYPES.legacyRecord]);
/** Record types Cloudflare can proxy. */
const PROXIABLE = new Set(["A", "AAAA", "CNAME"]);
/** TLS versions in order, as Cloudflare's min_tls_version names them. */
const TLS_VERSIONS = ["1.0", "1.1", "1.2", "1.3"];
const MIN_TLS_VERSION = "1.2";

export const dnsRecordsProxied: ResourceValidationPolicy = {
  name: "dns-records-proxied",
  description:
    "Every address record is proxied through Cloudflare, so visitors reach the origin only through the edge and its cache rules.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (!RECORDS.has(args.type) || !PROXIABLE.has(String(args.props.type))) return;
    if (args.props.proxied === true) return;
    report(
      `The ${String(args.props.type)} record ${String(args.props.name)} is not proxied (proxied is ${String(args.props.proxied)}): it hands out the origin's address and skips the edge. Fix: set proxied: true.`,
    );
  },
};

export const edgeStrictTls: ResourceValidationPolicy = {
  name: "edge-strict-tls",
  description:
    "Cloudflare connects to the origin over TLS and validates its certificate (SSL mode strict).",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== TYPES.zoneSetting || args.props.settingId !== "ssl") return;
    if (args.props.value === "strict") return;
    report(
      `The zone's SSL mode is ${String(args.props.value)}: Cloudflare ${args.props.value === "full" ? "accepts any certificate from the origin" : "may reach the origin without TLS"}. Fix: set the ssl setting to "strict" (the tlsMode key).`,
    );
  },
};

export const edgeMinTlsVersion: ResourceValidationPolicy = {
  name: "edge-min-tls-version",
  description: `Visitors connect to Cloudflare with TLS ${MIN_TLS_VERSION} or newer.`,
  // Advisory: refusing old clients is a product decision the team makes knowingly.
  enforcementLevel: "advisory",
  validateResource: (args, report) => {
    if (args.type !== TYPES.zoneSetting || args.props.settingId !== "min_tls_version") return;
    const version = String(args.props.value);
    if (TLS_VERSIONS.indexOf(version) >= TLS_VERSIONS.indexOf(MIN_TLS_VERSION)) return;
    report(
      `The zone accepts TLS ${version}, which browsers no longer offer and PCI DSS forbids. Fix: set min_tls_version to "${MIN_TLS_VERSION}" (the minTlsVersion key).`,
    );
  },
};
