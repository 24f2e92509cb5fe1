import { accessSync, constants } from "node:fs";
import type { Browser } from "playwright-core";
import { UserError } from "../components/errors";

/**
 * Where a browser is installed, in the order they are tried: Debian's `chromium` package (here
 * and in `.ci/run`), then the Chrome of GitHub's Ubuntu runners. Nothing downloads a browser.
 */
export const BROWSER_PATHS: readonly string[] = ["/usr/bin/chromium", "/usr/bin/google-chrome"];

/**
 * Keeps Chromium to the pages a test opens: without these it keeps opening connections of its own
 * (updates, sync, field trials, Google's hosts), which a closed network refuses many at a time.
 * Playwright adds `--headless` and `--no-sandbox` (which Chromium needs as root) and its own
 * fresh, temporary profile (`--user-data-dir`) for every launch.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-gpu",
  "--disable-quic",
];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser to drive: `given` when it is executable, else the first of {@link BROWSER_PATHS}. */
export function findBrowser(given: string | undefined): string {
  const candidates = given === undefined ? BROWSER_PATHS : [given];
  const found = candidates.find(executable);
  if (found === undefined) {
    throw new UserError(
      `functional: no browser at ${candidates.join(" or ")}. Install Debian's chromium (apt-get install -y chromium) or pass --browser with the path of Chromium or Chrome.`,
    );
  }
  return found;
}

/** Starts the browser headless, with a profile of its own (Playwright loads only now). */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  try {
    return await chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS] });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    throw new UserError(`functional: ${executablePath} did not start: ${reason}`);
  }
}
