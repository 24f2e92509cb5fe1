/**
 * What Aurora PostgreSQL and RDS put into a database themselves, or what AWS features the team
 * enables outside the migrations install: never drift, and never in the migration history (the
 * scratch server that replays it is community PostgreSQL, which has none of these).
 *
 * Sources (Amazon Aurora and RDS user guides, release notes):
 * - "Extension versions for Amazon Aurora PostgreSQL" (AuroraPostgreSQLReleaseNotes,
 *   AuroraPostgreSQL.Extensions) and "Working with extensions and foreign data wrappers"
 *   (AuroraUserGuide, Appendix.PostgreSQL.CommonDBATasks): the AWS extensions below.
 * - "Managing query execution plans for Aurora PostgreSQL" (AuroraPostgreSQL.Optimize): the
 *   `apg_plan_mgmt` extension and its schema.
 * - "Importing data from Amazon S3" (USER_PostgreSQL.S3Import): `aws_s3` installs `aws_commons`,
 *   each in the schema of its own name; "Invoking an AWS Lambda function" (`aws_lambda`) and
 *   "Using Amazon Aurora machine learning with Aurora PostgreSQL" (`aws_ml`) likewise.
 * - "rds_tools functions reference" (UserGuide, PostgreSQL_rds_tools-functions-reference): the
 *   `rds_tools` extension and its schema.
 * - "Working with Trusted Language Extensions for PostgreSQL"
 *   (PostgreSQL_trusted_language_extension): `pg_tle` and the `pgtle` schema it creates.
 * Aurora's own functions (`aurora_*`, "Aurora PostgreSQL functions reference") live in pg_catalog,
 * which no snapshot reads. A name is added here with the page that says AWS provides it; an
 * extension the app's migrations create is never listed.
 */
export const AWS_MANAGED = {
  extensions: [
    "apg_plan_mgmt",
    "aws_commons",
    "aws_lambda",
    "aws_ml",
    "aws_s3",
    "pg_tle",
    "rds_tools",
  ],
  schemas: ["apg_plan_mgmt", "aws_commons", "aws_lambda", "aws_ml", "aws_s3", "pgtle", "rds_tools"],
} as const;

/** True for a schema AWS manages; its objects are left out of a snapshot. */
export function isAwsManagedSchema(name: string): boolean {
  return (AWS_MANAGED.schemas as readonly string[]).includes(name);
}

/** True for an extension AWS installs. */
export function isAwsManagedExtension(name: string): boolean {
  return (AWS_MANAGED.extensions as readonly string[]).includes(name);
}
