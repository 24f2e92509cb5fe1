import { plural } from "../render/values";
import type { VersionCalendars } from "./calendar";
import type { Pin } from "./pins";

/** Days before a version's end date from which `parity plan` warns. */
export const WARN_DAYS = 90;
const DAY_MS = 86_400_000;

/** A pinned version against its calendar, on a given day. */
export interface VersionVerdict extends Pin {
  /** `ended`: past its end date; `ending`: within WARN_DAYS of it; `unknown`: not in the calendar. */
  readonly status: "supported" | "ending" | "ended" | "unknown";
  readonly ends: string | undefined;
  /** The product as people name it: `Node.js`, `Aurora PostgreSQL`. */
  readonly product: string;
  /** A sentence for the reader, with the fix; empty for a supported version. */
  readonly message: string;
}

/** The versions of a calendar still supported past `WARN_DAYS` from `today`, oldest first. */
function alternatives(calendars: VersionCalendars, pin: Pin, today: Date): string[] {
  const horizon = today.getTime() + WARN_DAYS * DAY_MS;
  return Object.entries(calendars.calendars[pin.calendar].versions)
    .filter(([, entry]) => Date.parse(entry.ends) > horizon)
    .map(([version]) => version);
}

/** Judges each pin against its calendar on `today` (a UTC day). */
export function judgeVersions(
  calendars: VersionCalendars,
  pins: readonly Pin[],
  today: Date,
): VersionVerdict[] {
  return pins.map((pin) => {
    const calendar = calendars.calendars[pin.calendar];
    const entry = calendar.versions[pin.version];
    const named = `${pin.where}: ${pin.setting} is ${calendar.title} ${pin.version}`;
    const instead = `Fix: move it to one the calendar lists as supported (${alternatives(calendars, pin, today).join(", ") || "none listed: add the current ones"}).`;
    if (entry === undefined) {
      return {
        ...pin,
        product: calendar.title,
        status: "unknown",
        ends: undefined,
        message: `${named}, which the version calendar does not list, so its support cannot be checked. ${instead} Or add it to the calendar with its end date from ${calendar.source}.`,
      };
    }
    // Whole UTC days from today to the last day of support: 0 on that day, negative after it.
    const daysLeft = Date.parse(entry.ends) / DAY_MS - Math.floor(today.getTime() / DAY_MS);
    if (daysLeft < 0) {
      return {
        ...pin,
        product: calendar.title,
        status: "ended",
        ends: entry.ends,
        message: `${named}, whose support ended on ${entry.ends}: ${calendar.afterEnd}. ${instead}`,
      };
    }
    if (daysLeft <= WARN_DAYS) {
      return {
        ...pin,
        product: calendar.title,
        status: "ending",
        ends: entry.ends,
        message: `${named}, whose support ends on ${entry.ends}, ${daysLeft === 0 ? "today" : `in ${plural(daysLeft, "day")}`}; then ${calendar.afterEnd}. ${instead}`,
      };
    }
    return { ...pin, product: calendar.title, status: "supported", ends: entry.ends, message: "" };
  });
}
