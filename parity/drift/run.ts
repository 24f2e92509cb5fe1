import { UserError } from "../../components/errors";
import type { ReviewRun } from "./report";

/** The GitHub Actions variables that name the run a step is in. */
export interface GitHubRunEnv {
  readonly GITHUB_SERVER_URL?: string | undefined;
  readonly GITHUB_REPOSITORY?: string | undefined;
  readonly GITHUB_RUN_ID?: string | undefined;
}

/** The page of the GitHub Actions run `env` names, when it names one. */
function gitHubRunUrl(env: GitHubRunEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: id } = env;
  if (!server || !repository || !id) return undefined;
  return `${server}/${repository}/actions/runs/${id}`;
}

/**
 * The run a review belongs to: `--run-url` when given (refused unless it is an http(s) URL), else
 * the GitHub Actions run the environment names, else none; `at` is when the review ran.
 */
export function reviewRun(runUrl: string | undefined, env: GitHubRunEnv, at: Date): ReviewRun {
  if (runUrl !== undefined && !/^https?:$/.test(URL.parse(runUrl)?.protocol ?? "")) {
    throw new UserError(
      `--run-url ${JSON.stringify(runUrl)}: is not an http(s) URL. Allowed: the page of the CI run, such as https://github.com/acme/app/actions/runs/42. Fix: pass that page, or leave --run-url out (in GitHub Actions the run's page is found from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_RUN_ID).`,
    );
  }
  return { url: runUrl ?? gitHubRunUrl(env), at: at.toISOString() };
}
