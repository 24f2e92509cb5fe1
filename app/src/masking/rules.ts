import { readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";

/** The rules file shipped next to the app (app/masking-rules.yaml; /app/masking-rules.yaml in the image). */
export const RULES_FILE = path.join(__dirname, "..", "..", "masking-rules.yaml");

/** Every decision says why, so a reviewer reads the reason next to the column. */
const why = z.string().trim().min(1, "say why this decision is safe");

/** The longest shift a date may get, in days (ten years). */
const MAX_SHIFT_DAYS = 3650;

const decision = z.discriminatedUnion("strategy", [
  z.strictObject({ strategy: z.literal("keep"), why }),
  z.strictObject({ strategy: z.literal("hash"), why }),
  z.strictObject({ strategy: z.literal("email"), why }),
  z.strictObject({ strategy: z.literal("name"), why }),
  z.strictObject({ strategy: z.literal("phone"), why }),
  z.strictObject({ strategy: z.literal("null"), why }),
  z.strictObject({
    strategy: z.literal("fixed"),
    value: z.union([z.string(), z.number(), z.boolean()], {
      error: "the value every row gets: a string, number or boolean",
    }),
    why,
  }),
  z.strictObject({
    strategy: z.literal("date-shift"),
    maxDays: z.int().min(1).max(MAX_SHIFT_DAYS),
    why,
  }),
]);

/** A PostgreSQL identifier as the migrations write them: lower case, unquoted. */
const identifier = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "a lower-case SQL identifier");

const rulesSchema = z.strictObject({
  tables: z.record(identifier, z.record(identifier, decision)),
});

/** What happens to one column in the masked copy. */
export type Decision = z.infer<typeof decision>;
export type Strategy = Decision["strategy"];

/** Table → column → decision. */
export type MaskingRules = z.infer<typeof rulesSchema>;

/** A rules file that is not valid YAML or does not follow the schema. */
export class RulesError extends Error {
  override readonly name = "RulesError";
}

/**
 * Reads and validates a rules file. Every problem is one line naming the file, where in it and
 * what is wrong: `app/masking-rules.yaml: tables.notes.slug.strategy: …`.
 */
export function parseRules(text: string, file: string): MaskingRules {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new RulesError(
      document.errors.map((error) => `${file}: ${error.message.split("\n")[0]}`).join("\n"),
    );
  }
  const parsed = rulesSchema.safeParse(document.toJS());
  if (!parsed.success) {
    throw new RulesError(
      parsed.error.issues
        .map((issue) => {
          // A bad table or column name: say what a name must be, not only that it is bad.
          const message =
            issue.code === "invalid_key"
              ? issue.issues.map((inner) => inner.message).join("; ")
              : issue.message;
          return `${file}: ${issue.path.join(".") || "(root)"}: ${message}`;
        })
        .join("\n"),
    );
  }
  return parsed.data;
}

/** The app's own rules. */
export function loadRules(file = RULES_FILE): MaskingRules {
  return parseRules(readFileSync(file, "utf8"), file);
}
