import path from "node:path";

/**
 * The real Pulumi artifacts in `tests/fixtures/pulumi/` (see its README for provenance and
 * licences; never edited: tests derive variants in a temp dir).
 */
export const PULUMI_FIXTURES = path.resolve(__dirname, "..", "fixtures", "pulumi");
