import { randomUUID } from "node:crypto";
import { Failure } from "../failure";
import type { FunctionalTest } from "../types";
import { describeOutcome, saveNote } from "./page-parts";

export const readYourWrites: FunctionalTest = {
  id: "read-your-writes",
  name: "A note saved in the form is read back at once",
  writes: true,
  async run({ page }) {
    const id = randomUUID();
    const body = `functional test ${id}`;
    await page.goto("/");

    const outcome = await saveNote(page, `functional-${id}`, body);

    const expected = `Saved and read back: ${body}`;
    if (outcome?.saved !== expected || outcome.alert !== undefined) {
      throw new Failure(
        "The note just saved was not read back: a read right after the write missed it (a lagging replica) or the save failed.",
        `the page says ${JSON.stringify(expected)}`,
        describeOutcome(outcome),
      );
    }
  },
};
