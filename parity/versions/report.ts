import type { VersionCalendars } from "./calendar";
import type { VersionVerdict } from "./judge";

/** The pinned versions of a project against their support calendars, as `parity plan` reports. */
export interface VersionReport {
  readonly calendars: Pick<VersionCalendars, "taken" | "basis"> & {
    readonly sources: Readonly<Record<string, string>>;
  };
  /** The day the versions were judged on (UTC, YYYY-MM-DD). */
  readonly today: string;
  readonly verdicts: readonly VersionVerdict[];
  /** True when no pinned version has ended or is missing from the calendars. */
  readonly holds: boolean;
}
