import { Failure } from "../failure";
import type { FunctionalTest } from "../types";
import { scriptReported } from "./page-parts";

export const scriptRelease: FunctionalTest = {
  id: "script-release",
  name: "The script the browser runs belongs to the release the server runs",
  writes: false,
  async run({ page }) {
    await page.goto("/");
    const inBrowser = await scriptReported(page);

    const answer = await page.request.get("/release");

    const text = await answer.text();
    const served = answer.ok() ? releaseIdIn(text) : undefined;
    if (served === undefined) {
      throw new Failure(
        "The server did not say which release it runs.",
        '200 from /release with {"releaseId": …}',
        `${answer.status()} ${text.slice(0, 160)}`,
      );
    }
    if (inBrowser !== served) {
      throw new Failure(
        "The browser runs a script of another release than the server: a stale page or script, cached or deployed half-way.",
        `the script reports release ${served}`,
        inBrowser === undefined
          ? "no script reported a release"
          : `the script reports release ${inBrowser}`,
      );
    }
  },
};

function releaseIdIn(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && "releaseId" in value) {
      return typeof value.releaseId === "string" ? value.releaseId : undefined;
    }
  } catch {
    // not JSON: reported as such below
  }
  return undefined;
}
