import path from "node:path";
import { z } from "zod";
import { readDataFile } from "../data-file";

/** The support calendars shipped with the checker. */
export const CALENDAR_FILE = path.join(__dirname, "version-calendar.yaml");

/** The calendars a pinned version is looked up in. */
export const CALENDARS = ["aurora-postgresql", "nodejs"] as const;
export type CalendarName = (typeof CALENDARS)[number];

const calendar = z.strictObject({
  title: z.string().min(1),
  /** What happens to a version past its end date, as a clause. */
  afterEnd: z.string().min(1),
  source: z.url(),
  versions: z.record(z.string().min(1), z.strictObject({ ends: z.iso.date() })),
});

const calendars = z.strictObject({
  taken: z.iso.date(),
  basis: z.string().min(1),
  calendars: z.strictObject(
    Object.fromEntries(CALENDARS.map((name) => [name, calendar])) as Record<
      CalendarName,
      typeof calendar
    >,
  ),
});

export type VersionCalendars = z.infer<typeof calendars>;

/** Reads and checks the support calendars (by default the shipped ones). */
export function readCalendars(file = CALENDAR_FILE): VersionCalendars {
  return readDataFile(file, calendars, "version calendars");
}
