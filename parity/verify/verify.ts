import {
  checkAssets,
  checkAssetsImmutable,
  checkHealthz,
  checkHsts,
  checkHtmlNotCached,
  checkHttpsRedirect,
  checkMigration,
  checkMissingAsset,
  checkNoStackTraces,
  checkReadYourWrites,
  checkRelease,
  fetchAssets,
  MISSING_ASSET_PATH,
  provokeErrors,
} from "./checks";
import { HttpClient } from "./http";
import type { CheckResult, VerifyOptions, VerifyReport } from "./types";

/**
 * Runs every check against a deployed environment, in order. A check that fails is reported, not
 * thrown; an environment that cannot be reached or does not answer in time throws `UserError`.
 */
export async function verifyEnvironment(options: VerifyOptions): Promise<VerifyReport> {
  const client = new HttpClient(options.url, options.timeoutMs);
  const health = await client.request("/healthz");
  const page = await client.request("/");
  const release = await client.request("/release");
  const assets = await fetchAssets(client, page);
  const checks: CheckResult[] = [
    checkHealthz(health),
    checkRelease(page, release, options.release),
    checkHtmlNotCached(page),
    checkAssets(page, assets),
    checkAssetsImmutable(assets),
    checkMissingAsset(await client.request(MISSING_ASSET_PATH)),
    await checkReadYourWrites(client, options.reads),
    checkMigration(release, options.migration),
    checkNoStackTraces(await provokeErrors(client)),
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
