import * as cloudflare from "./sdk";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { check } from "../errors";
import { labelsBelowZone } from "./hostname";

export const ORIGIN_CERTIFICATE_TYPE = "parity:cloudflare:OriginCertificate";

/** Validity periods Cloudflare's Origin CA issues, in days. */
export const ORIGIN_CA_VALIDITY_DAYS = [7, 30, 90, 365, 730, 1095, 5475] as const;

/** TLS material for the origin: what the container service imports into ACM for its listener. */
export interface OriginTlsMaterial {
  certificatePem: pulumi.Input<string>;
  privateKeyPem: pulumi.Input<string>;
}

export interface OriginCertificateArgs {
  /** The public hostname Cloudflare proxies to the origin; the certificate is issued for it. */
  hostname: string;
  /** Apex of the Cloudflare zone that holds `hostname`; the Origin CA only signs names in your zones. */
  zone: string;
  /**
   * Days the certificate is valid, one of 7, 30, 90, 365, 730, 1095, 5475. Cloudflare trusts it
   * only on the hop from its edge to the origin (SSL mode "strict"); browsers never see it.
   * Security: a shorter validity limits how long a leaked key is useful, but the certificate then
   * needs replacing before `expiresOn`.
   * @default 5475
   */
  validityDays?: number;
}

/** Validates {@link OriginCertificateArgs}; throws a {@link UserError} that says what to change. */
export function validateOriginCertificateArgs(name: string, args: OriginCertificateArgs): void {
  labelsBelowZone("OriginCertificate", name, args.hostname, args.zone);
  const days = args.validityDays;
  check(
    days === undefined || (ORIGIN_CA_VALIDITY_DAYS as readonly number[]).includes(days),
    () =>
      `OriginCertificate "${name}": \`validityDays\` must be one of ${ORIGIN_CA_VALIDITY_DAYS.join(", ")} (got ${days}). These are the periods Cloudflare's Origin CA issues.`,
  );
}

/**
 * A certificate for the origin signed by Cloudflare's Origin CA: an RSA key generated in the
 * stack (kept as a secret in its state), a signing request for `hostname`, and the certificate
 * Cloudflare issues for it. With SSL mode "strict" Cloudflare's edge accepts only this certificate
 * (or a publicly trusted one) from the origin. Create it before the load balancer, which serves it.
 */
export class OriginCertificate extends pulumi.ComponentResource implements OriginTlsMaterial {
  readonly certificatePem: pulumi.Output<string>;
  /** The private key in PEM; always a secret. */
  readonly privateKeyPem: pulumi.Output<string>;
  /** When the certificate expires, as Cloudflare reports it. */
  readonly expiresOn: pulumi.Output<string>;

  constructor(name: string, args: OriginCertificateArgs, opts?: pulumi.ComponentResourceOptions) {
    super(ORIGIN_CERTIFICATE_TYPE, name, {}, opts);
    validateOriginCertificateArgs(name, args);
    const parent = { parent: this };

    const key = new tls.PrivateKey(`${name}-key`, { algorithm: "RSA", rsaBits: 2048 }, parent);
    const request = new tls.CertRequest(
      `${name}-csr`,
      {
        privateKeyPem: key.privateKeyPem,
        subject: { commonName: args.hostname },
        dnsNames: [args.hostname],
      },
      parent,
    );
    const certificate = new cloudflare.OriginCaCertificate(
      `${name}-cert`,
      {
        csr: request.certRequestPem,
        hostnames: [args.hostname],
        requestType: "origin-rsa",
        requestedValidity: args.validityDays ?? 5475,
      },
      parent,
    );

    this.certificatePem = certificate.certificate;
    this.privateKeyPem = pulumi.secret(key.privateKeyPem);
    this.expiresOn = certificate.expiresOn;
    this.registerOutputs({
      certificatePem: this.certificatePem,
      privateKeyPem: this.privateKeyPem,
      expiresOn: this.expiresOn,
    });
  }
}
