import { Command } from "commander";
import { parseSuiteOptions } from "../../../functional/options";
import { renderJson, renderMarkdown, renderText } from "../../../functional/render";
import { runSuite } from "../../../functional/run-suite";
import { emit } from "../report-output";
import { wholeNumber } from "../whole-number";

/** `parity functional URL`: the browser functional suite (`functional/`) against one environment. */
export function functionalCommand(): Command {
  return new Command("functional")
    .description(
      "Run the functional tests in headless Chromium against a deployed environment: the page loads, a saved note is read back at once, the script is the server's release, hashed immutable assets, errors shown to the user. Exit 0 all pass, 1 a test failed (screenshots and traces kept), 2 unreachable, no browser or bad usage.",
    )
    .argument("<url>", "the environment's base URL, e.g. https://staging.example.com")
    .option(
      "--read-only",
      "skip the tests that write (for production); the browser sends only GET and HEAD requests",
    )
    .option(
      "--artifacts <dir>",
      "where screenshots and traces of failed tests go (default functional-results)",
    )
    .option(
      "--browser <path>",
      "Chromium or Chrome to drive (default /usr/bin/chromium, else /usr/bin/google-chrome)",
    )
    .option("--timeout <ms>", "how long one browser action may take (default 10000)", wholeNumber)
    .option(
      "--asset-path-prefix <prefix>",
      "URL prefix of the hashed assets (default: assetPathPrefix in ./Pulumi.yaml, else /assets/)",
    )
    .option("--json <file>", "also write the report as JSON to FILE")
    .option("--markdown <file>", "also write the report as GitHub markdown (job summary)")
    .action(
      async (
        url: string,
        raw: {
          readOnly?: boolean;
          artifacts?: string;
          browser?: string;
          timeout?: number;
          assetPathPrefix?: string;
          json?: string;
          markdown?: string;
        },
      ) => {
        const report = await runSuite(parseSuiteOptions(url, raw, process.cwd()));
        emit(
          {
            text: renderText(report),
            json: () => renderJson(report),
            markdown: () => renderMarkdown(report),
            findings: !report.ok,
          },
          raw,
        );
      },
    );
}
