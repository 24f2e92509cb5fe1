/** `name` as a quoted SQL identifier: the only way a table or column name enters generated SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
