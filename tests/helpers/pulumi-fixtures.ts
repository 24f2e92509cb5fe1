import path from "node:path";

/**
 * The real Pulumi artifacts in `shared/`, beside the project's checkout (see their README; never
 * edited: tests derive variants in a temp dir).
 */
export const PULUMI_FIXTURES = path.resolve(
  __dirname,
  "..",
  "..",
  "..",
  "shared",
  "fixtures",
  "pulumi",
);
