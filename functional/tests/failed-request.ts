import { Failure } from "../failure";
import type { FunctionalTest } from "../types";
import { describeOutcome, saveNote } from "./page-parts";

/** The answer the browser is given instead of sending the save: the server refusing it. */
const REFUSAL = { status: 503, error: "service unavailable" } as const;

export const failedRequest: FunctionalTest = {
  id: "failed-request",
  name: "A save the server refuses shows the user an error, and the page stays usable",
  // The browser answers the save itself: nothing reaches the environment.
  writes: false,
  async run({ page }) {
    await page.route("**/notes", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({
            status: REFUSAL.status,
            contentType: "application/json",
            body: JSON.stringify({ error: REFUSAL.error }),
          })
        : route.fallback(),
    );
    await page.goto("/");

    const outcome = await saveNote(page, "refused", "refused");

    const stillUsable = await page.getByRole("button", { name: "Save" }).isEnabled();
    if (outcome?.alert?.includes(`${REFUSAL.status}`) !== true || !stillUsable) {
      throw new Failure(
        "A failed request left the user without an error: a blank, silent or broken page.",
        `an alert naming the ${REFUSAL.status}, and the form still there`,
        `${describeOutcome(outcome)}${stillUsable ? "" : "; the form is gone"}`,
      );
    }
  },
};
