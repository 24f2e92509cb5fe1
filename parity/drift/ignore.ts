import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { UserError } from "../../components/errors";
import { globPattern, regexPattern, type Pattern } from "./pattern";

/**
 * One entry of an ignore file: changes to `property` of resources matching `type` or `name` are
 * known noise (autoscaling moves `desiredCount`, a scanner tags resources, …) and not drift.
 */
export interface IgnoreRule {
  readonly type: Pattern | undefined;
  readonly name: Pattern | undefined;
  /** Covers the property path itself and every path below it (`tags` covers `tags.Owner`). */
  readonly property: Pattern;
  readonly reason: string;
}

const GLOB_HINT =
  'a glob where * matches any characters (such as "aws:ecs/*" or "tags.*"), or a regular expression between slashes (such as "/^tags\\./")';

/**
 * Compiles an ignore pattern: `/regex/` is a regular expression searched in the value, anything
 * else a glob matched against the whole value where `*` matches any run of characters.
 */
export function compilePattern(pattern: string): Pattern {
  if (pattern.length >= 2 && pattern.startsWith("/") && pattern.endsWith("/")) {
    return regexPattern(pattern.slice(1, -1));
  }
  if (pattern.trim() === "" || /\s/.test(pattern)) {
    throw new Error("a glob may not be empty or contain whitespace");
  }
  return globPattern(pattern);
}

const pattern = z.string().transform((value, ctx) => {
  try {
    return compilePattern(value);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    ctx.addIssue({
      code: "custom",
      message: `is not a valid pattern (got ${JSON.stringify(value)}: ${why}); write ${GLOB_HINT}`,
    });
    return z.NEVER;
  }
});

const entry = z
  .strictObject({
    type: pattern.optional(),
    name: pattern.optional(),
    property: pattern,
    reason: z.string().trim().min(1, "needs a non-empty reason saying why the change is noise"),
  })
  .refine((rule) => rule.type !== undefined || rule.name !== undefined, {
    message: "needs a `type` or a `name` pattern saying which resources it covers",
  });

const ignoreFile = z.array(entry);

function where(path: readonly PropertyKey[]): string {
  const [index, field] = path;
  if (typeof index !== "number") return "the top level";
  return field === undefined ? `entry ${index + 1}` : `entry ${index + 1} \`${String(field)}\``;
}

/**
 * Parses an ignore file (YAML: a list of `{type | name, property, reason}`). Throws a
 * {@link UserError} naming the file, the entry and the fix for anything invalid.
 */
export function parseIgnoreFile(file: string, text: string): IgnoreRule[] {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    // The yaml package ends its first line with ":" and adds a code frame below; one line is
    // enough.
    const [first = ""] = (error instanceof Error ? error.message : String(error)).split("\n");
    const message = first.endsWith(":") ? first.slice(0, -1) : first;
    throw new UserError(`Ignore file ${file} is not valid YAML: ${message}.`);
  }
  const parsed = ignoreFile.safeParse(document ?? []);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const message =
        issue.code === "invalid_type" && issue.path.length === 0
          ? "must be a list of {type or name, property, reason} entries"
          : issue.message;
      return `${where(issue.path)} ${message}`;
    });
    throw new UserError(`Ignore file ${file}: ${problems.join("; ")}.`);
  }
  return parsed.data.map((rule) => ({
    type: rule.type,
    name: rule.name,
    property: rule.property,
    reason: rule.reason,
  }));
}

/** The rule that covers `path` of the resource `type`/`name`, if any. */
export function matchIgnore(
  rules: readonly IgnoreRule[],
  resource: { readonly type: string; readonly name: string },
  path: string,
): IgnoreRule | undefined {
  return rules.find(
    (rule) =>
      (rule.type === undefined || rule.type.test(resource.type)) &&
      (rule.name === undefined || rule.name.test(resource.name)) &&
      rule.property.covers(path),
  );
}
