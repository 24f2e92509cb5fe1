import type * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import { invokeAnswer, MissingInvokeError } from "./invokes";
import { MOCK_RESOURCES } from "./mock-types";
import { GENERIC_RESOURCE } from "./mock-types/generic";

/** The AWS account the mocks pretend to deploy into. */
export const MOCK_ACCOUNT_ID = "123456789012";
/** The region used when a resource or invoke has no provider that names one. */
const FALLBACK_REGION = "us-east-1";

/**
 * Pulumi mocks for an offline evaluation of any program: ids and ARNs look like the real ones and
 * are unique per stack, resource types without a hand-written table (`mock-types/`) are answered
 * generically from their type token, and invokes are answered from parity/offline/invokes.yaml for
 * the region of the provider they run through.
 */
export class OfflineMocks implements pulumi.runtime.Mocks {
  private readonly providerRegions = new Map<string, string>();
  readonly missingInvokes: MissingInvokeError[] = [];

  constructor(private readonly stack: string) {}

  private hexFor(seed: string): (length: number) => string {
    return (length) => {
      let out = "";
      for (let round = 0; out.length < length; round++) {
        out += createHash("sha256").update(`${this.stack}\0${seed}\0${round}`).digest("hex");
      }
      return out.slice(0, length);
    };
  }

  private regionOf(providerRef: string | undefined): string {
    const id = providerRef?.split("::").pop();
    return (id === undefined ? undefined : this.providerRegions.get(id)) ?? FALLBACK_REGION;
  }

  /** How resources of a type without a hand-written table are answered (test doubles refuse). */
  protected readonly unlistedTypes: "generic" | "refused" = "generic";

  newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    const inputs = args.inputs as Record<string, unknown>;
    if (args.custom !== true) {
      return { id: undefined, state: {} };
    }
    const hex = this.hexFor(`${args.type}\0${args.name}`);
    if (args.type.startsWith("pulumi:providers:")) {
      const h = hex(32);
      const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
      const region = inputs.region;
      if (typeof region === "string") this.providerRegions.set(id, region);
      return { id, state: inputs };
    }
    const mock =
      MOCK_RESOURCES[args.type] ??
      (this.unlistedTypes === "generic" ? GENERIC_RESOURCE : undefined);
    if (mock === undefined) {
      throw new Error(`Mock not implemented: resource ${args.type} ("${args.name}")`);
    }
    const region = this.regionOf(args.provider);
    const base = {
      type: args.type,
      name: args.name,
      inputs,
      region,
      accountId: MOCK_ACCOUNT_ID,
      arn: (service: string, resource: string) =>
        `arn:aws:${service}:${region}:${MOCK_ACCOUNT_ID}:${resource}`,
      hex,
    };
    const id = mock.id(base);
    return { id, state: { ...inputs, ...mock.state?.({ ...base, id }) } };
  }

  /**
   * The declared answer of an invoke. An invoke without one answers nothing and is kept in
   * {@link missingInvokes}: failing it here would reject a promise the program may never await.
   */
  call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    try {
      return invokeAnswer(args.token, {
        region: this.regionOf(args.provider),
        accountId: MOCK_ACCOUNT_ID,
      });
    } catch (error) {
      if (!(error instanceof MissingInvokeError)) throw error;
      this.missingInvokes.push(error);
      return {};
    }
  }
}
