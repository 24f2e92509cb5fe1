import type { Pool } from "pg";
import { checkAssets, fetchAssets } from "../../parity/verify/checks";
import { HttpClient } from "../../parity/verify/http";
import { startApp, type RunningApp } from "../helpers/app-server";

/** The pages and assets need no database. */
const noDatabase = {
  query: () => Promise.reject(new Error("no database in this test")),
} as unknown as Pool;

let app: RunningApp;

beforeAll(async () => {
  app = await startApp({
    writer: noDatabase,
    reader: noDatabase,
    readStrategy: "read-your-writes",
    releaseId: "r3",
    assetPathPrefix: "/static/v2/",
  });
});

afterAll(() => app.close());

describe("an app serving its hashed assets under the stack's assetPathPrefix", () => {
  it("serves them there, and parity verify finds and checks them with the same prefix", async () => {
    const client = new HttpClient(new URL(app.url), 5_000, true);
    const page = await client.request("/");

    const assets = await fetchAssets(client, page, "/static/v2/");

    expect([...assets.keys()].every((path) => path.startsWith("/static/v2/"))).toBe(true);
    expect([...assets.values()].map((answer) => answer.status)).toEqual([200, 200]);
    expect(checkAssets(page, assets).status).toBe("pass");
  });

  it("fails the assets check when verify looks under another prefix", async () => {
    const client = new HttpClient(new URL(app.url), 5_000, true);
    const page = await client.request("/");

    const assets = await fetchAssets(client, page, "/assets/");

    expect(assets.size).toBe(0);
    expect(checkAssets(page, assets).status).toBe("fail");
  });
});
