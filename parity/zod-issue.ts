import type { z } from "zod";

/** The first problem zod found, with where it is (`at [0].name`). */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "unexpected shape";
  const where = issue.path
    .map((segment) => (typeof segment === "number" ? `[${segment}]` : `.${String(segment)}`))
    .join("");
  return where === "" ? issue.message : `${issue.message} at ${where}`;
}
