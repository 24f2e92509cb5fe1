import type { MockResourceType } from "./types";

/** When the mocked Cloudflare resources were last changed, in Cloudflare's timestamp format. */
const MODIFIED_ON = "2026-01-15T09:30:00.000000Z";

function pemBlock(label: string, seed: string): string {
  return `-----BEGIN ${label}-----\nMOCK${seed}\n-----END ${label}-----\n`;
}

/** What the CDN components register: Cloudflare records, settings, rulesets, certificates, TLS keys and the purge. */
export const CLOUDFLARE_RESOURCES: Record<string, MockResourceType> = {
  "cloudflare:index/dnsRecord:DnsRecord": {
    id: (ctx) => ctx.hex(32),
    state: () => ({
      createdOn: MODIFIED_ON,
      modifiedOn: MODIFIED_ON,
      proxiable: true,
      commentModifiedOn: MODIFIED_ON,
      meta: "{}",
    }),
  },
  "cloudflare:index/zoneSetting:ZoneSetting": {
    id: (ctx) => String(ctx.inputs.settingId),
    state: () => ({ editable: true, modifiedOn: MODIFIED_ON, timeRemaining: 0 }),
  },
  "cloudflare:index/ruleset:Ruleset": {
    id: (ctx) => ctx.hex(32),
    state: (ctx) => ({
      lastUpdated: MODIFIED_ON,
      version: "1",
      rules: Array.isArray(ctx.inputs.rules)
        ? ctx.inputs.rules.map((rule: unknown, index) => ({
            ...(rule as Record<string, unknown>),
            // A 32-hex rule id of its own: the next 32 characters after the ruleset's id.
            id: ctx.hex(32 * (index + 2)).slice(-32),
            lastUpdated: MODIFIED_ON,
            version: "1",
          }))
        : [],
    }),
  },
  "cloudflare:index/originCaCertificate:OriginCaCertificate": {
    // Origin CA certificate ids are large decimal serial numbers.
    id: (ctx) => BigInt(`0x${ctx.hex(40)}`).toString(10),
    state: (ctx) => ({
      certificate: pemBlock("CERTIFICATE", ctx.hex(64)),
      expiresOn: "2041-01-11 09:30:00 +0000 UTC",
      requestedValidity: ctx.inputs.requestedValidity ?? 5475,
    }),
  },
  "tls:index/privateKey:PrivateKey": {
    // The provider's id is the SHA-1 of the public key, in hex.
    id: (ctx) => ctx.hex(40),
    state: (ctx) => ({
      privateKeyPem: pemBlock("RSA PRIVATE KEY", ctx.hex(64)),
      privateKeyPemPkcs8: pemBlock("PRIVATE KEY", ctx.hex(64)),
      privateKeyOpenssh: pemBlock("OPENSSH PRIVATE KEY", ctx.hex(64)),
      publicKeyPem: pemBlock("PUBLIC KEY", ctx.hex(48)),
      publicKeyOpenssh: `ssh-rsa AAAAB3NzaC1yc2E${ctx.hex(48)}\n`,
      publicKeyFingerprintMd5: ctx.hex(32).replace(/(..)(?!$)/g, "$1:"),
      publicKeyFingerprintSha256: `SHA256:${Buffer.from(ctx.hex(64), "hex").toString("base64").replace(/=+$/, "")}`,
      ecdsaCurve: "P224",
    }),
  },
  "tls:index/certRequest:CertRequest": {
    id: (ctx) => ctx.hex(40),
    state: (ctx) => ({
      certRequestPem: pemBlock("CERTIFICATE REQUEST", ctx.hex(64)),
      keyAlgorithm: "RSA",
    }),
  },
  // The cache purge (a dynamic-provider resource); its id is Cloudflare's purge request id.
  "pulumi-nodejs:dynamic/parity:CachePurge": {
    id: (ctx) => ctx.hex(32),
    state: () => ({ purgedAt: "2026-01-15T09:30:00.000Z" }),
  },
};
