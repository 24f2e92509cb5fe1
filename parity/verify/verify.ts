import {
  checkAssets,
  checkAssetsImmutable,
  checkCloudflare,
  checkHealthz,
  checkHsts,
  checkHtmlNotCached,
  checkHttpsRedirect,
  checkMigration,
  checkMissingAsset,
  checkNoStackTraces,
  checkPreviousAssets,
  checkReadYourWrites,
  checkRelease,
  fetchAssets,
  fetchPaths,
  missingAssetPath,
  provokeErrors,
} from "./checks";
import { Deadline } from "./deadline";
import { HttpClient } from "./http";
import type { CheckResult, VerifyOptions, VerifyReport } from "./types";

/**
 * Runs every check against a deployed environment, in order. A check that fails is reported, not
 * thrown; an environment that cannot be reached, does not answer in time or does not let the run
 * finish within `deadlineMs` throws `UserError`. A read-only run sends nothing but GET requests.
 */
export async function verifyEnvironment(options: VerifyOptions): Promise<VerifyReport> {
  const deadline = new Deadline(options.deadlineMs);
  const client = new HttpClient(options.url, options.timeoutMs, options.readOnly, deadline.signal);
  return deadline.race(runChecks(client, options));
}

async function runChecks(client: HttpClient, options: VerifyOptions): Promise<VerifyReport> {
  const health = await client.request("/healthz");
  const page = await client.request("/");
  const release = await client.request("/release");
  const assets = await fetchAssets(client, page, options.assetPathPrefix);
  const checks: CheckResult[] = [
    checkHealthz(health),
    checkRelease(page, release, options.release),
    checkCloudflare(
      new Map([["/", page], ["/release", release], ...assets]),
      options.throughCloudflare,
    ),
    checkHtmlNotCached(page),
    checkAssets(page, assets),
    checkAssetsImmutable(assets),
    checkPreviousAssets(
      options.previousAssets === undefined
        ? undefined
        : await fetchPaths(client, options.previousAssets),
    ),
    checkMissingAsset(await client.request(missingAssetPath(options.assetPathPrefix))),
    options.readOnly
      ? {
          name: "read-your-writes",
          status: "skip",
          summary: "--read-only: no note is written, so read-your-writes is not checked.",
        }
      : await checkReadYourWrites(client, options.reads),
    checkMigration(release, options.migration),
    checkNoStackTraces(await provokeErrors(client, options.readOnly)),
    await checkHttpsRedirect(client, options.url),
    checkHsts(page),
  ];
  return {
    url: options.url.href,
    release: options.release,
    checks,
    ok: checks.every((check) => check.status !== "fail"),
  };
}
