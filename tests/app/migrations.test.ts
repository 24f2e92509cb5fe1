import { MIGRATIONS, refusalReport } from "../../app/src/migrations";

describe("refusalReport", () => {
  it("names the migration, totals every violation, lists five examples and the fix", () => {
    const unique = MIGRATIONS.find((migration) => migration.version === 2);
    if (unique === undefined) throw new Error("migration 2 is missing");
    const violations = ["a", "b", "c", "d", "e", "f", "g"].map((value, i) => ({
      value,
      rows: i + 2,
    }));

    expect(refusalReport(unique, violations)).toBe(
      [
        'Migration 2 "notes.slug is unique" refused: 7 duplicate notes.slug values across 35 rows.',
        '  - "a" (2 rows)',
        '  - "b" (3 rows)',
        '  - "c" (4 rows)',
        '  - "d" (5 rows)',
        '  - "e" (6 rows)',
        "  - … and 2 more",
        "Nothing was changed. Fix: rename or delete the duplicate notes, then run the migration again.",
      ].join("\n"),
    );
  });

  it("keeps versions consecutive from 1", () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual([1, 2, 3]);
  });
});
