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

/** `::error title=…::…` lines, one per finding, that GitHub shows as annotations on the run. */
export function errorAnnotations(findings: readonly { title: string; text: string }[]): string {
  return findings
    .map(
      (f) =>
        `::error title=${escape(f.title).replaceAll(",", "%2C").replaceAll(":", "%3A")}::${escape(f.text)}\n`,
    )
    .join("");
}
