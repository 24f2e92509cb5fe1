import { Command, InvalidArgumentError } from "commander";
import { parseVerifyOptions, DEFAULT_READS, DEFAULT_TIMEOUT_MS } from "../../verify/options";
import { renderJson, renderText } from "../../verify/render";
import { verifyEnvironment } from "../../verify/verify";
import { emit } from "../report-output";

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new InvalidArgumentError(`expected a whole number, got "${value}".`);
  }
  return parsed;
}

/** `parity verify URL`: the conformance suite against one deployed environment. */
export function verifyCommand(): Command {
  return new Command("verify")
    .description(
      "Check a deployed environment: release served (through Cloudflare), cache headers, hashed assets, read-your-writes, schema version, production settings. Exit 0 all pass, 1 a check failed, 2 unreachable or bad usage.",
    )
    .argument("<url>", "the environment's base URL, e.g. https://staging.example.com")
    .requiredOption("--release <id>", "the release id the environment must serve")
    .option("--migration <version>", "the schema version the database must be at", integer)
    .option(
      "--reads <n>",
      `reads of a fresh write that must all see it (default ${DEFAULT_READS})`,
      integer,
    )
    .option("--timeout <ms>", `per-request timeout (default ${DEFAULT_TIMEOUT_MS})`, integer)
    .option(
      "--read-only",
      "send only GET requests (for production): skips the read-your-writes write and the POST error probe",
    )
    .option(
      "--through-cloudflare",
      "every answer must carry Cloudflare's cf-ray header (the URL is the CDN hostname)",
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
          readOnly?: boolean;
          throughCloudflare?: boolean;
          json?: string;
        },
      ) => {
        const report = await verifyEnvironment(parseVerifyOptions(url, raw));
        emit(
          { text: renderText(report), json: () => renderJson(report), findings: !report.ok },
          { json: raw.json },
        );
      },
    );
}
