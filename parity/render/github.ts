/**
 * GitHub refuses issue, pull-request and comment bodies longer than 65,536 characters. Reports are
 * posted as PR comments, job summaries and issue bodies, so they are cut to fit.
 */
export const GITHUB_BODY_LIMIT = 65_536;
