import type { MarkdownContext } from "../render/markdown";

type Env = Readonly<Record<string, string | undefined>>;

/** The commit and run a report describes, from the variables GitHub Actions sets; empty elsewhere. */
export function githubContext(env: Env): MarkdownContext {
  const server = env.GITHUB_SERVER_URL;
  const repository = env.GITHUB_REPOSITORY;
  const run = env.GITHUB_RUN_ID;
  return {
    ...(env.GITHUB_SHA === undefined || env.GITHUB_SHA === "" ? {} : { commit: env.GITHUB_SHA }),
    ...(server === undefined || repository === undefined || run === undefined
      ? {}
      : { runUrl: `${server}/${repository}/actions/runs/${run}` }),
  };
}

/** A workflow command escaped as GitHub's runner reads it (`%`, CR and LF in the message). */
function escape(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** A workflow command property value, escaped as the runner reads them. */
function property(text: string): string {
  return escape(text).replaceAll(",", "%2C").replaceAll(":", "%3A");
}

/** One finding to annotate: its section, its sentence and, when known, `file:line` in the program. */
export interface Annotated {
  readonly title: string;
  readonly text: string;
  readonly where?: string | undefined;
}

/**
 * `::error …::…` lines, one per finding, that GitHub shows as annotations on the run, and on the
 * line of the program when the finding names one.
 */
export function errorAnnotations(findings: readonly Annotated[]): string {
  return findings
    .map((f) => {
      const at = /^(.+):(\d+)$/.exec(f.where ?? "");
      const place = at === null ? "" : `file=${property(at[1] ?? "")},line=${at[2] ?? ""},`;
      return `::error ${place}title=${property(f.title)}::${escape(f.text)}\n`;
    })
    .join("");
}
