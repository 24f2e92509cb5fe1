/**
 * What Aurora PostgreSQL and RDS put into a database themselves, or what AWS features the team
 * enables outside the migrations install: never drift, and never in the migration history (the
 * scratch server that replays it is community PostgreSQL, which has none of these).
 *
 * Sources (Amazon Aurora User Guide):
 * - "Working with extensions and foreign data wrappers" (Appendix.PostgreSQL.CommonDBATasks):
 *   the AWS extensions `rds_tools`, `pg_tle`, `aws_commons`, `aws_s3`, `aws_lambda`, `aws_ml`.
 * - "Managing query execution plans for Aurora PostgreSQL" (AuroraPostgreSQL.Optimize): the
 *   `apg_plan_mgmt` extension and its schema.
 * - "Importing data from Amazon S3" (USER_PostgreSQL.S3Import): `aws_s3` installs `aws_commons`,
 *   each in the schema of its own name.
 * - "Monitoring with aurora_stat_utils" (Appendix.PostgreSQL.CommonDBATasks.aurora_stat_utils):
 *   the `aurora_stat_utils` extension.
 * - "Trusted Language Extensions for PostgreSQL" (PostgreSQL_trusted_language_extension): the
 *   `pgtle` schema `pg_tle` creates.
 * A name is added here with the page that says AWS installs it; an extension the app's migrations
 * create is never listed.
 */
export const AWS_MANAGED = {
  extensions: [
    "apg_plan_mgmt",
    "aurora_stat_utils",
    "aws_commons",
    "aws_lambda",
    "aws_ml",
    "aws_s3",
    "pg_tle",
    "rds_tools",
  ],
  schemas: [
    "apg_plan_mgmt",
    "aurora_stat_utils",
    "aws_commons",
    "aws_lambda",
    "aws_ml",
    "aws_s3",
    "pgtle",
    "rds_tools",
  ],
} as const;

/** True for a schema AWS manages; its objects are left out of a snapshot. */
export function isAwsManagedSchema(name: string): boolean {
  return (AWS_MANAGED.schemas as readonly string[]).includes(name);
}

/** True for an extension AWS installs. */
export function isAwsManagedExtension(name: string): boolean {
  return (AWS_MANAGED.extensions as readonly string[]).includes(name);
}
