import { Command } from "commander";
import { readFileSync } from "node:fs";
import { UserError } from "../../../components/errors";
import {
  parseVerifyOptions,
  DEFAULT_DEADLINE_MS,
  DEFAULT_READS,
  DEFAULT_TIMEOUT_MS,
} from "../../verify/options";
import { DEFAULT_ASSET_PATH_PREFIX } from "../../verify/checks";
import { projectAssetPathPrefix } from "../../verify/project-asset-prefix";
import { renderJson, renderText } from "../../verify/render";
import { verifyEnvironment } from "../../verify/verify";
import { emit } from "../report-output";
import { wholeNumber } from "../whole-number";

/** The saved page of the previous release; a file that cannot be read is bad input. */
function readPreviousPage(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UserError(
      `verify: --previous-page ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}). Save the live page before the deploy with curl -fsS <url>/ > ${file}.`,
    );
  }
}

/** `parity verify URL`: the conformance suite against one deployed environment. */
export function verifyCommand(): Command {
  return new Command("verify")
    .description(
      "Check a deployed environment: release served (through Cloudflare), cache headers, hashed assets, read-your-writes, schema version, production settings. Exit 0 all pass, 1 a check failed, 2 unreachable or bad usage.",
    )
    .argument("<url>", "the environment's base URL, e.g. https://staging.example.com")
    .requiredOption("--release <id>", "the release id the environment must serve")
    .option("--migration <version>", "the schema version the database must be at", wholeNumber)
    .option(
      "--reads <n>",
      `reads of a fresh write that must all see it (default ${DEFAULT_READS})`,
      wholeNumber,
    )
    .option("--timeout <ms>", `per-request timeout (default ${DEFAULT_TIMEOUT_MS})`, wholeNumber)
    .option(
      "--deadline <ms>",
      `time the whole run may take (default ${DEFAULT_DEADLINE_MS})`,
      wholeNumber,
    )
    .option(
      "--read-only",
      "send only GET requests (for production): skips the read-your-writes write and the POST error probe",
    )
    .option(
      "--through-cloudflare",
      "every answer must carry Cloudflare's cf-ray header (the URL is the CDN hostname)",
    )
    .option(
      "--asset-path-prefix <prefix>",
      `URL prefix of the hashed assets (default: assetPathPrefix in ./Pulumi.yaml, else ${DEFAULT_ASSET_PATH_PREFIX})`,
    )
    .option(
      "--previous-page <file>",
      "the live page saved before the deploy (curl -fsS URL/ > FILE): every asset it references must still load (skew protection)",
    )
    .option("--json <file>", "also write the report as JSON to FILE")
    .action(
      async (
        url: string,
        raw: {
          release: string;
          migration?: number;
          reads?: number;
          timeout?: number;
          deadline?: number;
          readOnly?: boolean;
          throughCloudflare?: boolean;
          assetPathPrefix?: string;
          previousPage?: string;
          json?: string;
        },
      ) => {
        const { previousPage, ...rest } = raw;
        const report = await verifyEnvironment(
          parseVerifyOptions(url, {
            ...rest,
            assetPathPrefix: raw.assetPathPrefix ?? projectAssetPathPrefix(process.cwd()),
            ...(previousPage === undefined
              ? {}
              : { previousPage: { file: previousPage, html: readPreviousPage(previousPage) } }),
          }),
        );
        emit(
          { text: renderText(report), json: () => renderJson(report), findings: !report.ok },
          { json: raw.json },
        );
      },
    );
}
