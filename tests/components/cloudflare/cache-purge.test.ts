import type * as pulumi from "@pulumi/pulumi";
import { CachePurge, changedPurgeProperties } from "../../../components/cloudflare/cache-purge";
import { findResource } from "../../helpers/graph";
import { runComponent } from "../../helpers/mock-run";
import { loadSerializedProvider } from "../../helpers/serialized-provider";

const ZONE_ID = "8a7b6c5d4e3f20111213141516171819";
const OLDS = {
  zoneId: ZONE_ID,
  hostnames: ["app.parity-stack.io"],
  releaseId: "sha256:aaaa",
  purgedAt: "2026-01-15T09:30:00.000Z",
};
const NEWS = { zoneId: ZONE_ID, hostnames: ["app.parity-stack.io"], releaseId: "sha256:aaaa" };

async function registered(apiToken?: string) {
  const { resources } = await runComponent(
    () =>
      new CachePurge("edge-purge", {
        zoneId: ZONE_ID,
        hostnames: ["app.parity-stack.io"],
        releaseId: "sha256:aaaa",
        apiToken,
      }),
  );
  return findResource(resources, "pulumi-nodejs:dynamic/parity:CachePurge", "edge-purge");
}

describe("CachePurge", () => {
  it("registers the zone, hostnames and release, with the token as a secret", async () => {
    const purge = await registered("cf-test-token");
    expect(purge.inputs).toMatchObject({
      zoneId: ZONE_ID,
      hostnames: ["app.parity-stack.io"],
      releaseId: "sha256:aaaa",
      apiToken: "[secret]",
    });
  });

  it("leaves the token out when none is given, for CLOUDFLARE_API_TOKEN at run time", async () => {
    const purge = await registered();
    expect(purge.inputs).not.toHaveProperty("apiToken");
  });

  describe("its serialized provider", () => {
    let provider: pulumi.dynamic.ResourceProvider;
    const savedToken = process.env.CLOUDFLARE_API_TOKEN;

    beforeAll(async () => {
      const purge = await registered();
      provider = loadSerializedProvider(String(purge.inputs.__provider));
      delete process.env.CLOUDFLARE_API_TOKEN;
    });

    afterAll(() => {
      if (savedToken !== undefined) process.env.CLOUDFLARE_API_TOKEN = savedToken;
    });

    it.each<[string, Partial<typeof NEWS>, boolean]>([
      ["a new release", { releaseId: "sha256:bbbb" }, true],
      ["other hostnames", { hostnames: ["www.parity-stack.io"] }, true],
      ["another zone", { zoneId: "00112233445566778899aabbccddeeff" }, true],
      ["the same release", {}, false],
    ])("reports a change for %s: %p", async (_case, change, changes) => {
      const diff = await provider.diff?.("id", OLDS, { ...NEWS, ...change });
      expect(diff).toEqual({ changes, replaces: [], deleteBeforeReplace: false });
    });

    it("ignores a rotated token, which must not purge the cache", async () => {
      const diff = await provider.diff?.("id", OLDS, { ...NEWS, apiToken: "rotated" });
      expect(diff?.changes).toBe(false);
    });

    it("refuses to purge without a token or CLOUDFLARE_API_TOKEN", async () => {
      await expect(provider.create(NEWS)).rejects.toThrow(
        "The Cloudflare cache purge has no API token. Set one with `pulumi config set --secret cloudflare:apiToken <token>` or export CLOUDFLARE_API_TOKEN; it needs the Zone / Cache Purge permission.",
      );
    });
  });
});

describe("changedPurgeProperties", () => {
  it("names every property that changed", () => {
    expect(
      changedPurgeProperties(OLDS, {
        zoneId: "00112233445566778899aabbccddeeff",
        hostnames: ["www.parity-stack.io"],
        releaseId: "sha256:bbbb",
      }),
    ).toEqual(["zoneId", "releaseId", "hostnames"]);
  });
});
