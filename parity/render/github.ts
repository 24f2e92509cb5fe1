/**
 * GitHub refuses issue, pull-request and comment bodies longer than 65,536 characters. Reports are
 * posted as PR comments, job summaries and issue bodies, so they are cut to fit.
 */
export const GITHUB_BODY_LIMIT = 65_536;

/**
 * What a report may take of a body: GitHub's limit less room for what wraps it (the sticky
 * comment's marker, a workflow's heading), as pulumi/actions keeps its comments to 64,000.
 */
export const COMMENT_BUDGET = 64_000;
