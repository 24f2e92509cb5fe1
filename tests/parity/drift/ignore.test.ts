import { compilePattern, matchIgnore, parseIgnoreFile } from "../../../parity/drift/ignore";

const SERVICE = { type: "aws:ecs/service:Service", name: "web" };

describe("compilePattern", () => {
  it.each([
    ["aws:ecs/*", "aws:ecs/service:Service", true],
    ["aws:ecs/*", "aws:ec2/vpc:Vpc", false],
    ["tags.*", "tags.Owner", true],
    ["desiredCount", "desiredCount2", false],
    ["/^tags\\./", "tags.Owner", true],
    ["/Count$/", "desiredCount", true],
  ])("pattern %s matching %s is %s", (pattern, value, expected) => {
    expect(compilePattern(pattern).test(value)).toBe(expected);
  });
});

describe("parseIgnoreFile", () => {
  it("reads type and name patterns with their reasons", () => {
    const rules = parseIgnoreFile(
      "drift-ignore.yaml",
      [
        "- type: aws:ecs/service:Service",
        "  property: desiredCount",
        "  reason: autoscaling moves it",
        "- name: /^web-/",
        "  property: tags",
        "  reason: the scanner tags everything",
      ].join("\n"),
    );
    expect(rules.map((r) => [r.type?.source, r.name?.source, r.property.source, r.reason])).toEqual(
      [
        ["aws:ecs/service:Service", undefined, "desiredCount", "autoscaling moves it"],
        [undefined, "^web-", "tags", "the scanner tags everything"],
      ],
    );
  });

  it("refuses YAML nested 10,000 deep in one line", () => {
    expect(() =>
      parseIgnoreFile("deep.yaml", `${"[".repeat(10_000)}${"]".repeat(10_000)}`),
    ).toThrow(/^Ignore file deep\.yaml is not valid YAML: [^\n]+ at line 1, column \d+\.$/);
  });

  it("reads an empty file as no rules", () => {
    expect(parseIgnoreFile("drift-ignore.yaml", "")).toEqual([]);
  });

  it.each([
    [
      "an invalid regular expression",
      "- type: aws:ecs/*\n  property: /tags[/\n  reason: noise\n",
      'Ignore file drift-ignore.yaml: entry 1 `property` is not a valid pattern (got "/tags[/": Invalid regular expression: /tags[/: Unterminated character class); write a glob where * matches any characters (such as "aws:ecs/*" or "tags.*"), or a regular expression between slashes (such as "/^tags\\./").',
    ],
    [
      "a glob with whitespace",
      "- name: my bucket\n  property: tags\n  reason: noise\n",
      'Ignore file drift-ignore.yaml: entry 1 `name` is not a valid pattern (got "my bucket": a glob may not be empty or contain whitespace); write a glob where * matches any characters (such as "aws:ecs/*" or "tags.*"), or a regular expression between slashes (such as "/^tags\\./").',
    ],
    [
      "an entry without type or name",
      "- property: tags\n  reason: noise\n",
      "Ignore file drift-ignore.yaml: entry 1 needs a `type` or a `name` pattern saying which resources it covers.",
    ],
    [
      "an entry without a reason",
      "- type: aws:s3/*\n  property: tags\n  reason: ' '\n",
      "Ignore file drift-ignore.yaml: entry 1 `reason` needs a non-empty reason saying why the change is noise.",
    ],
    [
      "a mapping instead of a list",
      "type: aws:s3/*\n",
      "Ignore file drift-ignore.yaml: the top level must be a list of {type or name, property, reason} entries.",
    ],
    [
      "a misspelt field",
      "- type: aws:s3/*\n  path: tags\n  property: tags\n  reason: noise\n",
      'Ignore file drift-ignore.yaml: entry 1 Unrecognized key: "path".',
    ],
  ])("refuses %s with a message naming the entry and the fix", (_what, yaml, message) => {
    expect(() => parseIgnoreFile("drift-ignore.yaml", yaml)).toThrow(message);
  });
});

describe("matchIgnore", () => {
  const rules = parseIgnoreFile(
    "drift-ignore.yaml",
    "- type: aws:ecs/*\n  property: tags\n  reason: scanner\n",
  );

  it.each([
    ["tags", true],
    ["tags.Owner", true],
    ['tags["kubernetes.io/cluster"]', true],
    ["tagsAll", false],
    ["desiredCount", false],
  ])("a rule for `tags` covering the path %s is %s", (path, covered) => {
    expect(matchIgnore(rules, SERVICE, path) !== undefined).toBe(covered);
  });

  it("does not cover resources of another type", () => {
    expect(matchIgnore(rules, { type: "aws:s3/bucket:Bucket", name: "web" }, "tags")).toBe(
      undefined,
    );
  });
});

describe("regular expressions in an ignore file", () => {
  it("run on V8's linear-time engine", () => {
    const pattern = compilePattern("/^(a+)+$/");

    expect(pattern.test(`${"a".repeat(40)}b`)).toBe(false);
    expect(pattern.test("aaaa")).toBe(true);
  });

  it.each([["/(tag)\\1/"], ["/(?<=tags\\.)Owner/"]])(
    "refuses %s, which cannot run in linear time",
    (source) => {
      expect(() =>
        parseIgnoreFile(
          "drift-ignore.yaml",
          `- type: "*"\n  property: "${source.replaceAll("\\", "\\\\")}"\n  reason: noise\n`,
        ),
      ).toThrow(
        `Ignore file drift-ignore.yaml: entry 1 \`property\` is not a valid pattern (got ${JSON.stringify(source)}: ${source} uses a backreference or a lookaround, which cannot run in linear time); write`,
      );
    },
  );
});
