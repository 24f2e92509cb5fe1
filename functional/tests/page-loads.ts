import { Failure } from "../failure";
import type { FunctionalTest } from "../types";
import { scriptReported } from "./page-parts";

export const pageLoads: FunctionalTest = {
  id: "page-loads",
  name: "The page loads with its heading and the note form, and its script runs without an error",
  writes: false,
  async run({ page }) {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    const response = await page.goto("/");

    const status = response?.status();
    if (status !== 200) {
      throw new Failure("The page did not load.", "200", `${status ?? "no response"}`);
    }
    const seen = {
      heading: await page.getByRole("heading", { level: 1 }).isVisible(),
      form: await page.getByRole("button", { name: "Save" }).isVisible(),
      script: (await scriptReported(page)) !== undefined,
    };
    const missing = Object.entries(seen).flatMap(([part, shown]) => (shown ? [] : [part]));
    if (missing.length > 0 || errors.length > 0) {
      const text = (await page.locator("body").innerText()).trim();
      throw new Failure(
        "The page is blank or broken: a user sees no working page.",
        "a visible heading and Save button, filled in by a script that raised no error",
        [
          missing.length === 0 ? "" : `missing: ${missing.join(", ")}`,
          errors.length === 0 ? "" : `script errors: ${errors.join("; ")}`,
          `text: ${JSON.stringify(text.slice(0, 160))}`,
        ]
          .filter((part) => part !== "")
          .join("; "),
      );
    }
  },
};
