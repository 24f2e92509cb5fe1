import type { Pool } from "pg";
import { s3AssetStore } from "../../app/src/asset-store";
import { loadAssets } from "../../app/src/assets";
import { STATIC_DIR } from "../../app/src/main";
import { parseVerifyOptions } from "../../parity/verify/options";
import { verifyEnvironment } from "../../parity/verify/verify";
import { startApp, type RunningApp } from "../helpers/app-server";
import { startS3Stub, type S3Stub } from "../helpers/s3-stub";

const BUCKET = "app-assets-1a2b3c4";
const unusedDatabase = {} as unknown as Pool;

/** The hashed script path a release's page names. */
function scriptOf(page: string): string {
  return /src="(\/assets\/app\.[0-9a-f]{12}\.js)"/.exec(page)?.[1] ?? "";
}

describe("assets of earlier releases after a deploy (skew protection)", () => {
  let s3: S3Stub;
  const running: RunningApp[] = [];
  beforeAll(async () => {
    s3 = await startS3Stub();
  });
  afterAll(async () => {
    await Promise.all(running.map((app) => app.close()));
    await s3.close();
  });

  /** Starts `releaseId` as main.ts does: publish its assets, then serve with the store. */
  async function release(releaseId: string): Promise<RunningApp> {
    const store = s3AssetStore(s3.client, BUCKET);
    const assets = loadAssets(STATIC_DIR, "/assets/", releaseId);
    await store.publish(assets);
    const app = await startApp({
      writer: unusedDatabase,
      reader: unusedDatabase,
      readStrategy: "read-your-writes",
      releaseId,
      assets,
      assetStore: store,
    });
    running.push(app);
    return app;
  }

  it("serves the old release's script from a task of the new one, immutable, byte for byte", async () => {
    const old = await release("sha256:1111");
    const oldPage = await (await fetch(`${old.url}/`)).text();
    const oldScript = scriptOf(oldPage);
    const oldBody = await (await fetch(`${old.url}${oldScript}`)).text();

    const next = await release("sha256:2222");
    const nextScript = scriptOf(await (await fetch(`${next.url}/`)).text());
    expect(nextScript).not.toBe(oldScript);

    const response = await fetch(`${next.url}${oldScript}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await response.text()).toBe(oldBody);
    expect(oldBody).toContain("sha256:1111");
  });

  it("publishes every asset under its public path, immutable", async () => {
    await release("sha256:3333");
    const assets = loadAssets(STATIC_DIR, "/assets/", "sha256:3333");
    for (const asset of assets.byPath.values()) {
      const stored = s3.objects.get(`${BUCKET}${asset.publicPath}`);
      expect(stored?.body.equals(asset.body)).toBe(true);
      expect(stored?.cacheControl).toBe("public, max-age=31536000, immutable");
    }
  });

  it("still answers 404, uncached, for an asset no release has", async () => {
    const app = await release("sha256:4444");
    const response = await fetch(`${app.url}/assets/app.000000000000.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("cannot serve an old release's asset without the store (the outage it prevents)", async () => {
    const old = loadAssets(STATIC_DIR, "/assets/", "sha256:5555");
    const app = await startApp({
      writer: unusedDatabase,
      reader: unusedDatabase,
      readStrategy: "read-your-writes",
      releaseId: "sha256:6666",
    });
    running.push(app);
    const [script] = [...old.byPath.keys()].filter((p) => p.endsWith(".js"));
    expect((await fetch(`${app.url}${script ?? ""}`)).status).toBe(404);
  });

  it("passes parity verify's previous-assets check after a deploy, and fails it without the store", async () => {
    const old = await release("sha256:7777");
    const previousPage = {
      file: "previous-page.html",
      html: await (await fetch(`${old.url}/`)).text(),
    };
    const previousAssets = async (url: string, releaseId: string) => {
      const report = await verifyEnvironment(
        parseVerifyOptions(url, { release: releaseId, readOnly: true, previousPage }),
      );
      return report.checks.find((check) => check.name === "previous-assets");
    };

    const next = await release("sha256:8888");
    expect(await previousAssets(next.url, "sha256:8888")).toMatchObject({ status: "pass" });

    const withoutStore = await startApp({
      writer: unusedDatabase,
      reader: unusedDatabase,
      readStrategy: "read-your-writes",
      releaseId: "sha256:9999",
    });
    running.push(withoutStore);
    const failed = await previousAssets(withoutStore.url, "sha256:9999");
    expect(failed?.status).toBe("fail");
    expect(failed?.summary).toMatch(/of the release being replaced no longer load/);
  });
});
