import { marked } from "marked";

/** What a reader sees of a comment before opening any `<details>`, rendered as GitHub would. */
export interface VisibleComment {
  /** The number of columns of each table. */
  readonly tableColumns: readonly number[];
  /** Rendered lines: headings, paragraphs, list items and table rows. */
  readonly lines: number;
}

/** Renders `markdown` to HTML and measures what is visible outside `<details>`. */
export function visibleComment(markdown: string): VisibleComment {
  const html = marked.parse(markdown, { async: false, gfm: true });
  const visible = html.replace(/<details>[\s\S]*?<\/details>/g, "");
  const tables = visible.match(/<table>[\s\S]*?<\/table>/g) ?? [];
  const count = (pattern: RegExp) => (visible.match(pattern) ?? []).length;
  return {
    tableColumns: tables.map(
      (table) => (/<tr>([\s\S]*?)<\/tr>/.exec(table)?.[1]?.match(/<th[ >]/g) ?? []).length,
    ),
    lines: count(/<h\d[ >]/g) + count(/<p>/g) + count(/<li>/g) + count(/<tr>/g),
  };
}
