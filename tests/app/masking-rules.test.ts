import { loadRules, parseRules, RULES_FILE } from "../../app/src/masking/rules";

const FILE = "masking-rules.yaml";

describe("the masking rules file", () => {
  it("loads the app's own rules", () => {
    expect(Object.keys(loadRules(RULES_FILE).tables).sort()).toEqual([
      "notes",
      "schema_migrations",
      "write_marks",
    ]);
  });

  it.each([
    [
      "an unknown strategy",
      "tables:\n  notes:\n    slug: { strategy: scramble, why: x }\n",
      "masking-rules.yaml: tables.notes.slug.strategy: Invalid discriminator value. Expected 'keep' | 'hash' | 'email' | 'name' | 'phone' | 'null' | 'fixed' | 'date-shift'",
    ],
    [
      "a decision without its reason",
      "tables:\n  notes:\n    id: { strategy: keep }\n",
      "masking-rules.yaml: tables.notes.id.why: Invalid input: expected string, received undefined",
    ],
    [
      "a fixed value without the value",
      "tables:\n  notes:\n    body: { strategy: fixed, why: free text }\n",
      "masking-rules.yaml: tables.notes.body.value: the value every row gets: a string, number or boolean",
    ],
    [
      "a date shift of no days",
      "tables:\n  notes:\n    created_at: { strategy: date-shift, maxDays: 0, why: dates }\n",
      "masking-rules.yaml: tables.notes.created_at.maxDays: Too small: expected number to be >=1",
    ],
    [
      "a misspelt field",
      "tables:\n  notes:\n    id: { strategy: keep, why: key, maxdays: 3 }\n",
      'masking-rules.yaml: tables.notes.id: Unrecognized key: "maxdays"',
    ],
    [
      "a quoted column name",
      'tables:\n  notes:\n    "Slug": { strategy: keep, why: key }\n',
      "masking-rules.yaml: tables.notes.Slug: a lower-case SQL identifier",
    ],
    [
      "a column decided twice",
      "tables:\n  notes:\n    id: { strategy: keep, why: a }\n    id: { strategy: null, why: b }\n",
      "masking-rules.yaml: Map keys must be unique at line 4, column 5:",
    ],
  ])("refuses %s in one line naming the file and the place", (_case, text, message) => {
    expect(() => parseRules(text, FILE)).toThrow(new Error(message));
  });
});
