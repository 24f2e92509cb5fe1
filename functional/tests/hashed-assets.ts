import type { Response } from "playwright-core";
import { checkAssets, checkAssetsImmutable, hashedAssets } from "../../parity/verify/checks";
import type { HttpAnswer } from "../../parity/verify/http";
import { Failure } from "../failure";
import type { FunctionalTest } from "../types";

/** The resources whose staleness breaks a page: what it runs and how it looks. */
const ASSET_TYPES: readonly string[] = ["script", "stylesheet"];

export const assetsHashedAndImmutable: FunctionalTest = {
  id: "hashed-assets",
  name: "Every script and stylesheet the browser loads comes from a content-hashed path, matches its hash and is cached as immutable for a year",
  writes: false,
  async run({ page, assetPathPrefix }) {
    const loaded: Response[] = [];
    page.on("response", (response) => {
      if (ASSET_TYPES.includes(response.request().resourceType())) loaded.push(response);
    });

    const home = await page.goto("/");

    if (home === null) throw new Error("opening / gave no response");
    const assets = new Map<string, HttpAnswer>();
    for (const response of loaded) {
      assets.set(new URL(response.url()).pathname, await answerOf(response));
    }
    const unhashed = [...assets.keys()].filter(
      (path) => hashedAssets(path, assetPathPrefix)[0] !== path,
    );
    if (unhashed.length > 0) {
      throw new Failure(
        "The browser loaded scripts or stylesheets whose names do not change with their content, so a cache can serve an old one.",
        `paths like ${assetPathPrefix}app.<sha256 prefix>.js`,
        unhashed.join(", "),
      );
    }
    // The same rules `parity verify` applies over HTTP, on what the browser really loaded.
    for (const check of [checkAssets(await answerOf(home), assets), checkAssetsImmutable(assets)]) {
      if (check.status === "fail") {
        throw new Failure(check.summary, check.expected ?? "", check.seen ?? "");
      }
    }
  },
};

/** A browser response as the checks of `parity verify` read an answer. */
async function answerOf(response: Response): Promise<HttpAnswer> {
  const body = await response.body();
  return {
    status: response.status(),
    headers: new Headers(await response.allHeaders()),
    body,
    text: body.toString("utf8"),
  };
}
