/**
 * Enough of IAM's policy evaluation to tell whether a role may make one request: an explicit deny
 * in any of its policies wins, its identity policies must allow, and so must its permissions
 * boundary when it has one (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 * A condition this does not evaluate is taken to hold in an Allow and not to hold in a Deny, so a
 * request it cannot decide counts as allowed: the checks built on it never miss a path.
 */

export interface PolicyStatement {
  readonly Effect?: string;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Principal?: unknown;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface IamRequest {
  readonly action: string;
  readonly resource: string;
  /** Condition keys the request carries (`iam:PermissionsBoundary`); absent keys are absent. */
  readonly context: Readonly<Record<string, string>>;
}

/** A role's policies: identity policies (inline and attached) and its boundary, if any. */
export interface RolePolicies {
  readonly identity: readonly PolicyStatement[];
  readonly boundary: readonly PolicyStatement[] | undefined;
}

const list = (value: unknown): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String);

/** IAM's wildcards: `*` any run of characters, `?` one. */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, ignoreCase ? "is" : "s").test(value);
}

function matchesAny(patterns: unknown, value: string, ignoreCase: boolean): boolean {
  return list(patterns).some((p) => globMatches(p, value, ignoreCase));
}

const OPERATORS: Record<string, (expected: string[], actual: string | undefined) => boolean> = {
  StringEquals: (e, a) => a !== undefined && e.includes(a),
  StringNotEquals: (e, a) => a === undefined || !e.includes(a),
  StringLike: (e, a) => a !== undefined && e.some((p) => globMatches(p, a)),
  StringNotLike: (e, a) => a === undefined || !e.some((p) => globMatches(p, a)),
  ArnEquals: (e, a) => a !== undefined && e.includes(a),
  ArnNotEquals: (e, a) => a === undefined || !e.includes(a),
  ArnLike: (e, a) => a !== undefined && e.some((p) => globMatches(p, a)),
  ArnNotLike: (e, a) => a === undefined || !e.some((p) => globMatches(p, a)),
};

function conditionsHold(
  statement: PolicyStatement,
  request: IamRequest,
  unknown: boolean,
): boolean {
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) => {
    const ifExists = operator.endsWith("IfExists");
    const evaluate = OPERATORS[ifExists ? operator.slice(0, -"IfExists".length) : operator];
    if (evaluate === undefined) return unknown;
    return Object.entries(keys).every(([key, expected]) => {
      const actual = request.context[key];
      if (ifExists && actual === undefined) return true;
      return evaluate(list(expected), actual);
    });
  });
}

/** Whether `statement` applies to `request`, deciding unknown conditions as `unknown`. */
function applies(statement: PolicyStatement, request: IamRequest, unknown: boolean): boolean {
  const action =
    statement.NotAction === undefined
      ? matchesAny(statement.Action, request.action, true)
      : !matchesAny(statement.NotAction, request.action, true);
  const resource =
    statement.NotResource !== undefined
      ? !matchesAny(statement.NotResource, request.resource, false)
      : statement.Resource === undefined || matchesAny(statement.Resource, request.resource, false);
  return action && resource && conditionsHold(statement, request, unknown);
}

function allows(statements: readonly PolicyStatement[], request: IamRequest): boolean {
  return statements.some((s) => s.Effect === "Allow" && applies(s, request, true));
}

function denies(statements: readonly PolicyStatement[], request: IamRequest): boolean {
  return statements.some((s) => s.Effect === "Deny" && applies(s, request, false));
}

/** Whether a role with `policies` may make `request`. */
export function isAllowed(policies: RolePolicies, request: IamRequest): boolean {
  const all = [...policies.identity, ...(policies.boundary ?? [])];
  if (denies(all, request)) return false;
  return (
    allows(policies.identity, request) &&
    (policies.boundary === undefined || allows(policies.boundary, request))
  );
}

/** The statements of a policy document (a JSON string, as resources take it). */
export function statementsOf(document: unknown): PolicyStatement[] {
  if (typeof document !== "string") return [];
  try {
    const parsed = JSON.parse(document) as { Statement?: PolicyStatement | PolicyStatement[] };
    const statements = parsed.Statement;
    return statements === undefined ? [] : Array.isArray(statements) ? statements : [statements];
  } catch {
    return [];
  }
}
