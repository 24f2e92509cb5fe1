import type { Page } from "playwright-core";

/** Where the page's script writes the release it belongs to; "…" until it has run. */
const SCRIPT_RELEASE = "#script-release";
/** Where the page shows the note it read back after a save. */
const SAVED = "#saved";
/** The page's alert, hidden until a request fails. */
const ALERT = '[role="alert"]';

/**
 * The release the script the browser runs says it belongs to, read without waiting: undefined
 * when the page has no such element or its script has not filled it in.
 */
export async function scriptReported(page: Page): Promise<string | undefined> {
  const [text] = await page.locator(SCRIPT_RELEASE).allTextContents();
  return text === undefined || text === "…" ? undefined : text;
}

/** What the page shows after a save: the line about the note read back, and the alert if shown. */
export interface SaveOutcome {
  readonly saved: string;
  readonly alert: string | undefined;
}

/**
 * Fills in the note form, submits it and waits until the page says what became of the note;
 * undefined when it says nothing within the action timeout.
 */
export async function saveNote(
  page: Page,
  slug: string,
  body: string,
): Promise<SaveOutcome | undefined> {
  await page.getByLabel("slug", { exact: true }).fill(slug);
  await page.getByLabel("note", { exact: true }).fill(body);
  await page.getByRole("button", { name: "Save" }).click();
  try {
    await page.locator(`${SAVED}:not(:empty), ${ALERT}:not([hidden])`).first().waitFor();
  } catch (error) {
    // Playwright's TimeoutError, told by name: this module loads no Playwright code.
    if (error instanceof Error && error.name === "TimeoutError") return undefined;
    throw error;
  }
  const alert = page.locator(ALERT);
  return {
    saved: await page.locator(SAVED).innerText(),
    alert: (await alert.isVisible()) ? await alert.innerText() : undefined,
  };
}

/** How a report quotes what the page showed after a save. */
export function describeOutcome(outcome: SaveOutcome | undefined): string {
  if (outcome === undefined) return "the page said nothing about the save";
  return outcome.alert === undefined
    ? `the page said ${JSON.stringify(outcome.saved)}`
    : `the page alerted ${JSON.stringify(outcome.alert)}`;
}
