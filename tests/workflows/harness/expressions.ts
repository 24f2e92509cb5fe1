import { data, Evaluator, Lexer, Parser } from "@actions/expressions";
import type { FunctionDefinition } from "@actions/expressions/funcs/info";
import {
  isBasicExpression,
  isBoolean,
  isMapping,
  isNumber,
  isSequence,
  isString,
} from "@actions/workflow-parser";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/index";

/** A JSON value, the form every context and every evaluated token takes here. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The contexts an expression may read (`github`, `env`, `steps`, `needs`, …) as plain JSON. */
export type Contexts = Readonly<Record<string, Json>>;

/**
 * How the job stands when a step's or a job's `if:` is evaluated: GitHub's status functions
 * (https://docs.github.com/actions/reference/workflows-and-actions/expressions#status-check-functions)
 * read it.
 */
export interface Status {
  /** Every step before this one (or every job this one needs) succeeded: `success()`. */
  readonly success: boolean;
  /** A step before this one (or a job this one needs) failed: `failure()`. */
  readonly failure: boolean;
  /** The run was cancelled: `cancelled()`. */
  readonly cancelled: boolean;
}

function statusFunctions(status: Status): Map<string, FunctionDefinition> {
  const fn = (name: string, value: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value()) },
  ];
  return new Map([
    fn("success", () => status.success && !status.cancelled),
    fn("failure", () => status.failure && !status.cancelled),
    fn("cancelled", () => status.cancelled),
    fn("always", () => true),
  ]);
}

const STATUS_FUNCTIONS = ["success", "failure", "cancelled", "always"].map((name) => ({
  name,
  minArgs: 0,
  maxArgs: 0,
}));

function toData(value: Json): data.ExpressionData {
  return JSON.parse(JSON.stringify(value), data.reviver) as data.ExpressionData;
}

function fromData(value: data.ExpressionData): Json {
  return JSON.parse(JSON.stringify(value, data.replacer)) as Json;
}

/** Evaluates one expression (the text inside `${{ }}`) with GitHub's own evaluator. */
export function evaluate(expression: string, contexts: Contexts, status: Status): Json {
  const lexed = new Lexer(expression).lex();
  const tree = new Parser(lexed.tokens, Object.keys(contexts), STATUS_FUNCTIONS).parse();
  const dictionary = new data.Dictionary(
    ...Object.entries(contexts).map(([key, value]) => ({ key, value: toData(value) })),
  );
  return fromData(new Evaluator(tree, dictionary, statusFunctions(status)).evaluate());
}

/** GitHub's truthiness of an expression's value (`if:` conditions). */
export function truthy(value: Json): boolean {
  return toTruth(toData(value));
}

function toTruth(value: data.ExpressionData): boolean {
  switch (value.kind) {
    case data.Kind.Null:
      return false;
    case data.Kind.Boolean:
      return value.value;
    case data.Kind.Number:
      return value.value !== 0 && !Number.isNaN(value.value);
    case data.Kind.String:
      return value.value !== "";
    default:
      return true;
  }
}

/** A string as GitHub puts an expression's value into a string field (`env`, `with`, `run`). */
export function asString(value: Json): string {
  return toData(value).coerceString();
}

/** Evaluates a parsed template token (a mapping, sequence, literal or `${{ }}`) to JSON. */
export function evaluateToken(token: TemplateToken, contexts: Contexts, status: Status): Json {
  if (isBasicExpression(token)) return evaluate(token.expression, contexts, status);
  if (isString(token)) return token.value;
  if (isNumber(token)) return token.value;
  if (isBoolean(token)) return token.value;
  if (isSequence(token)) {
    return [...Array(token.count).keys()].map((i) => evaluateToken(token.get(i), contexts, status));
  }
  if (isMapping(token)) {
    const out: Record<string, Json> = {};
    for (const { key, value } of token) {
      out[asString(evaluateToken(key, contexts, status))] = evaluateToken(value, contexts, status);
    }
    return out;
  }
  return null;
}

/** Evaluates a mapping of strings (`env:`, `with:`, `outputs:`) to strings. */
export function evaluateStrings(
  token: TemplateToken | undefined,
  contexts: Contexts,
  status: Status,
): Record<string, string> {
  if (token === undefined) return {};
  const value = evaluateToken(token, contexts, status);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`expected a mapping, got ${JSON.stringify(value)}`);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asString(v)]));
}
