import { SUPPORTED_ENGINE_VERSIONS } from "../../../components/aws/database-fields";
import { readCalendars } from "../../../parity/versions/calendar";
import { judgeVersions } from "../../../parity/versions/judge";
import type { Pin } from "../../../parity/versions/pins";

const CALENDARS = readCalendars();
const pin = (version: string): Pin => ({
  calendar: "aurora-postgresql",
  version,
  where: "Pulumi.yaml:24",
  setting: "parity-stack:dbEngineVersion",
});

describe("judgeVersions", () => {
  it.each([
    ["2026-12-04", "16.11", "supported"],
    ["2027-01-01", "16.11", "ending"],
    ["2026-12-31", "16.11", "ending"],
    ["2026-12-30", "16.11", "supported"],
    ["2027-03-31", "16.11", "ending"],
    ["2027-04-01", "16.11", "ended"],
    ["2026-12-04", "16.6", "ended"],
    ["2026-12-04", "14.9", "unknown"],
  ])("on %s judges Aurora PostgreSQL %s %s", (today, version, status) => {
    const [verdict] = judgeVersions(CALENDARS, [pin(version)], new Date(`${today}T12:00:00Z`));
    expect(verdict?.status).toBe(status);
  });

  it("says when a version ended, what that means and what to move to", () => {
    const [verdict] = judgeVersions(CALENDARS, [pin("16.6")], new Date("2026-12-04T00:00:00Z"));
    expect(verdict?.message).toBe(
      "Pulumi.yaml:24: parity-stack:dbEngineVersion is Aurora PostgreSQL 16.6, whose support ended on 2026-03-31: AWS creates no new cluster on it and upgrades running ones in their maintenance window, after which the next `pulumi up` would attempt a downgrade. Fix: move it to one the calendar lists as supported (16.11, 17.7).",
    );
  });

  it("warns within 90 days of the end, the last day of support included", () => {
    const [verdict] = judgeVersions(CALENDARS, [pin("16.11")], new Date("2027-03-31T00:00:00Z"));
    expect(verdict?.message).toBe(
      "Pulumi.yaml:24: parity-stack:dbEngineVersion is Aurora PostgreSQL 16.11, whose support ends on 2027-03-31, today; then AWS creates no new cluster on it and upgrades running ones in their maintenance window, after which the next `pulumi up` would attempt a downgrade. Fix: move it to one the calendar lists as supported (none listed: add the current ones).",
    );
  });

  it("has a calendar entry for every engine version the Database component accepts", () => {
    const listed = Object.keys(CALENDARS.calendars["aurora-postgresql"].versions);
    expect(SUPPORTED_ENGINE_VERSIONS.filter((v) => !listed.includes(v))).toEqual([]);
  });
});
