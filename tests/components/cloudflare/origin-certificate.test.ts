import * as cloudflare from "../../../components/cloudflare/sdk";
import * as pulumi from "@pulumi/pulumi";
import {
  ORIGIN_CERTIFICATE_TYPE,
  OriginCertificate,
  validateOriginCertificateArgs,
} from "../../../components/cloudflare/origin-certificate";
import type { RecordedResource } from "../../../parity/offline/recorder";
import { childProblems, findResource } from "../../helpers/graph";
import { runComponent } from "../../helpers/mock-run";

const ARGS = { hostname: "app.parity-stack.io", zone: "parity-stack.io" };

describe("OriginCertificate", () => {
  let resources: readonly RecordedResource[];
  let outputs: unknown;

  beforeAll(async () => {
    ({ resources, outputs } = await runComponent(() => {
      const provider = new cloudflare.Provider("cloudflare", {});
      const origin = new OriginCertificate("origin", ARGS, { providers: [provider] });
      return {
        certificatePem: origin.certificatePem,
        privateKeyIsSecret: pulumi.isSecret(origin.privateKeyPem),
        certificateIsSecret: pulumi.isSecret(origin.certificatePem),
        expiresOn: origin.expiresOn,
      };
    }));
  });

  it("generates an RSA 2048 key, which ACM and the load balancer accept", () => {
    expect(findResource(resources, "tls:index/privateKey:PrivateKey", "origin-key").inputs).toEqual(
      { algorithm: "RSA", rsaBits: 2048 },
    );
  });

  it("requests the certificate for the hostname, signed with the secret key", () => {
    const csr = findResource(resources, "tls:index/certRequest:CertRequest", "origin-csr");
    expect(csr.inputs).toEqual({
      privateKeyPem: "[secret]",
      subject: { commonName: "app.parity-stack.io" },
      dnsNames: ["app.parity-stack.io"],
    });
  });

  it("has Cloudflare's Origin CA sign the request for the hostname", () => {
    const csr = findResource(resources, "tls:index/certRequest:CertRequest", "origin-csr");
    const cert = findResource(
      resources,
      "cloudflare:index/originCaCertificate:OriginCaCertificate",
      "origin-cert",
    );
    expect(cert.inputs).toEqual({
      csr: csr.outputs.certRequestPem,
      hostnames: ["app.parity-stack.io"],
      requestType: "origin-rsa",
      requestedValidity: 5475,
    });
    expect(cert.dependencies).toEqual([csr.urn]);
  });

  it("exports the certificate in the clear and the private key only as a secret", () => {
    expect(outputs).toEqual({
      certificatePem: expect.stringMatching(/^-----BEGIN CERTIFICATE-----\n/) as unknown,
      privateKeyIsSecret: true,
      certificateIsSecret: false,
      expiresOn: "2041-01-11 09:30:00 +0000 UTC",
    });
  });

  it("names and parents every child from the component", () => {
    expect(childProblems(resources, ORIGIN_CERTIFICATE_TYPE)).toEqual([]);
  });
});

describe("validateOriginCertificateArgs", () => {
  it("refuses a hostname outside the zone", () => {
    expect(() => {
      validateOriginCertificateArgs("origin", {
        hostname: "app.example.com",
        zone: "parity-stack.io",
      });
    }).toThrow(
      'OriginCertificate "origin": `hostname` "app.example.com" is not in Cloudflare zone "parity-stack.io". Use a hostname that is "parity-stack.io" or ends in ".parity-stack.io", or set cloudflareZone to the zone that holds it.',
    );
  });

  it("refuses a validity the Origin CA does not issue", () => {
    expect(() => {
      validateOriginCertificateArgs("origin", { ...ARGS, validityDays: 100 });
    }).toThrow(
      'OriginCertificate "origin": `validityDays` must be one of 7, 30, 90, 365, 730, 1095, 5475 (got 100). These are the periods Cloudflare\'s Origin CA issues.',
    );
  });
});
