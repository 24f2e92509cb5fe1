import { UserError } from "../../components/errors";
import {
  boolean,
  checkField,
  commaSeparated,
  decimal,
  integer,
  matching,
  oneOf,
  oneOfNumbers,
  type FieldRule,
} from "../../components/field-rule";

const accepts = (rule: FieldRule<unknown>, value: unknown) => rule.schema.safeParse(value).success;

describe("field rules", () => {
  it.each<[string, FieldRule<unknown>, string, unknown[], unknown[]]>([
    ["integer", integer(1, 15), "an integer from 1 to 15", [1, 15], [0, 16, 1.5, "3"]],
    ["decimal", decimal(1, 4), "a number from 1 to 4", [1, 2.7, 4], [0.9, 4.1, "2"]],
    [
      "decimal in steps",
      decimal(0, 256, 0.5),
      "a number from 0 to 256 in steps of 0.5",
      [0, 0.5, 1.5, 255.5, 256],
      [0.3, 1.25, -0.5, 256.5],
    ],
    ["boolean", boolean(), "true or false", [true, false], ["true", 0]],
    ["oneOf", oneOf(["1.2", "1.3"]), 'one of "1.2", "1.3"', ["1.2"], ["1.1", 1.2]],
    ["oneOfNumbers", oneOfNumbers([1, 3, 5]), "one of 1, 3, 5", [1, 5], [2, "1"]],
    ["matching", matching(/^[a-z]+$/, "lower-case letters"), "lower-case letters", ["ab"], ["Ab"]],
    [
      "commaSeparated",
      commaSeparated(matching(/^\d{2}$/, "two digits"), "comma-separated pairs of digits"),
      "comma-separated pairs of digits",
      ["12", "12,34"],
      ["1", "12,", "12, 34"],
    ],
  ])("%s says in words what its schema allows", (_, rule, allowed, good, bad) => {
    expect(rule.allowed).toBe(allowed);
    expect(good.filter((value) => !accepts(rule, value))).toEqual([]);
    expect(bad.filter((value) => accepts(rule, value))).toEqual([]);
  });
});

describe("checkField", () => {
  it.each<[string, unknown, string | undefined, string]>([
    [
      "a number",
      0,
      "Production has replicas.",
      'Database "main": `replicas` must be an integer from 1 to 15 (got 0). Production has replicas.',
    ],
    [
      "a string, quoted",
      "two",
      undefined,
      'Database "main": `replicas` must be an integer from 1 to 15 (got "two").',
    ],
  ])("refuses %s with the rule's words, the value and the fix", (_, value, fix, message) => {
    expect(() => {
      checkField('Database "main"', "replicas", integer(1, 15), value, fix);
    }).toThrow(new UserError(message));
  });

  it("accepts a value the rule allows", () => {
    expect(() => {
      checkField('Database "main"', "replicas", integer(1, 15), 2);
    }).not.toThrow();
  });
});
