import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadModule, parseSync } from "libpg-query";
import ts from "typescript";

/** A string constant in a source file that holds SQL. */
export interface SqlText {
  /** `file:line`, relative to the scanned directory. */
  readonly where: string;
  readonly sql: string;
}

/** What a scan of a source tree found. */
export interface SqlScan {
  /** Every SQL constant, in file and line order. */
  readonly statements: readonly SqlText[];
  /** Every string constant (SQL or not), for checks that must not depend on recognising SQL. */
  readonly strings: readonly SqlText[];
  /** SQL-looking template literals with substitutions: SQL must be constant text. */
  readonly builtSql: readonly string[];
}

/** How SQL the app sends starts: an upper-case statement keyword and white space. */
const SQL_START =
  /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|BEGIN|COMMIT|ROLLBACK|SET|LOCK|TRUNCATE|VALUES)\s/;

/** Collects the string constants of every `.ts` file under `directory`. */
export function scanSqlText(directory: string): SqlScan {
  const statements: SqlText[] = [];
  const strings: SqlText[] = [];
  const builtSql: string[] = [];
  const files = readdirSync(directory, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .sort();
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      readFileSync(path.join(directory, file), "utf8"),
      ts.ScriptTarget.Latest,
      true,
    );
    const where = (node: ts.Node) =>
      `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        const text = { where: where(node), sql: node.text };
        strings.push(text);
        if (SQL_START.test(node.text)) statements.push(text);
      } else if (ts.isTemplateExpression(node) && SQL_START.test(node.head.text)) {
        builtSql.push(where(node));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { statements, strings, builtSql };
}

/** Loads PostgreSQL's parser (WebAssembly); call once before {@link functionsCalled}. */
export async function loadSqlParser(): Promise<void> {
  await loadModule();
}

/** The body of a `CREATE FUNCTION … LANGUAGE sql AS $$…$$`, whose calls count as the statement's. */
function sqlFunctionBodies(statement: unknown): string[] {
  const options = ((statement as { options?: unknown[] }).options ?? []).map(
    (option) => (option as { DefElem?: { defname?: string; arg?: unknown } }).DefElem ?? {},
  );
  const language = options.find((o) => o.defname === "language")?.arg as
    { String?: { sval?: string } } | undefined;
  if (language?.String?.sval?.toLowerCase() !== "sql") return [];
  const body = options.find((o) => o.defname === "as")?.arg as
    { List?: { items?: { String?: { sval?: string } }[] } } | undefined;
  return (body?.List?.items ?? []).flatMap((item) => item.String?.sval ?? []);
}

/**
 * The functions `sql` calls, by name (lower case, without schema), as PostgreSQL's own parser
 * reads them, the bodies of SQL functions it creates included. Throws with the parser's message when `sql` is not valid PostgreSQL.
 */
export function functionsCalled(sql: string): string[] {
  const names = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "CreateFunctionStmt") {
        for (const body of sqlFunctionBodies(child))
          functionsCalled(body).forEach((n) => names.add(n));
      }
      if (key === "FuncCall") {
        const parts = (child as { funcname?: { String?: { sval?: string } }[] }).funcname ?? [];
        const name = parts.at(-1)?.String?.sval;
        if (name !== undefined) names.add(name.toLowerCase());
      }
      walk(child);
    }
  };
  walk(parseSync(sql));
  return [...names].sort();
}
