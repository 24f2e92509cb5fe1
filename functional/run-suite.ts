import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { UserError } from "../components/errors";
import { READ_ONLY_METHODS } from "../parity/verify/http";
import { launchChromium } from "./chromium";
import { Failure } from "./failure";
import type { FunctionalTest, SuiteOptions, SuiteReport, TestResult } from "./types";

/**
 * Runs the tests in one headless browser, each in a fresh context (no cookies, no cache) traced
 * by Playwright. A failed test is reported with a screenshot of its page and its trace in
 * `artifactsDir`; a test that writes is skipped by a read-only run, whose browser sends nothing
 * but GET and HEAD requests to the environment. An environment that does not answer at all is a
 * `UserError` (nothing could be tested), not a failed test.
 */
export async function runSuite(options: SuiteOptions): Promise<SuiteReport> {
  await assertAnswers(options.url, options.timeoutMs);
  const browser = await launchChromium(options.browserPath);
  try {
    const results: TestResult[] = [];
    for (const test of options.tests) {
      results.push(
        options.readOnly && test.writes
          ? { ...named(test), status: "skip", summary: "Read-only run: this test writes." }
          : await runTest(browser, test, options),
      );
    }
    return {
      url: options.url.href,
      readOnly: options.readOnly,
      results,
      ok: results.every((result) => result.status !== "fail"),
    };
  } finally {
    await browser.close();
  }
}

async function assertAnswers(url: URL, timeoutMs: number): Promise<void> {
  try {
    const response = await fetch(url, {
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    throw new UserError(
      `functional: ${url.href} did not answer (${cause instanceof Error ? cause.message : String(cause)}). Check the URL and that the environment is up.`,
    );
  }
}

function named(test: FunctionalTest): Pick<TestResult, "id" | "name"> {
  return { id: test.id, name: test.name };
}

async function runTest(
  browser: Browser,
  test: FunctionalTest,
  options: SuiteOptions,
): Promise<TestResult> {
  const context = await browser.newContext({ baseURL: options.url.href });
  try {
    context.setDefaultTimeout(options.timeoutMs);
    const refused = options.readOnly ? await refuseWrites(context) : [];
    await context.tracing.start({ title: test.name, screenshots: true, snapshots: true });
    const page = await context.newPage();
    const failure = await failureOf(
      () => test.run({ page, assetPathPrefix: options.assetPathPrefix }),
      refused,
    );
    if (failure !== undefined) {
      const artifacts = await keepArtifacts(context, page, options.artifactsDir, test.id);
      return { ...named(test), status: "fail", ...verdict(failure.error), ...artifacts };
    }
    await context.tracing.stop();
    return { ...named(test), status: "pass" };
  } finally {
    await context.close();
  }
}

/** Runs a test; resolves to what made it fail, or undefined when it passed. */
async function failureOf(
  run: () => Promise<void>,
  refused: readonly string[],
): Promise<{ error: unknown } | undefined> {
  let thrown: { error: unknown } | undefined;
  try {
    await run();
  } catch (error) {
    thrown = { error };
  }
  if (refused.length === 0) return thrown;
  // Whatever else went wrong, a read-only run reports the requests it had to refuse.
  return {
    error: new Failure(
      "The page sent requests that change data during a read-only run.",
      "only GET and HEAD requests",
      refused.join(", "),
    ),
  };
}

/**
 * Writes the failed page's screenshot and the test's trace to `dir` as `<id>.png` and
 * `<id>.trace.zip`; a page that can no longer be captured (it crashed) has no screenshot.
 */
async function keepArtifacts(
  context: BrowserContext,
  page: Page,
  dir: string,
  id: string,
): Promise<Pick<TestResult, "screenshot" | "trace">> {
  mkdirSync(dir, { recursive: true });
  const screenshot = path.join(dir, `${id}.png`);
  const trace = path.join(dir, `${id}.trace.zip`);
  const shot = await page.screenshot({ path: screenshot, fullPage: true }).then(
    () => ({ screenshot }),
    () => ({}),
  );
  await context.tracing.stop({ path: trace });
  return { ...shot, trace };
}

/** Aborts every request but GET and HEAD; resolves to the list the run fills with them. */
async function refuseWrites(context: BrowserContext): Promise<string[]> {
  const refused: string[] = [];
  await context.route("**/*", (route) => {
    const request = route.request();
    if (READ_ONLY_METHODS.includes(request.method())) return route.fallback();
    refused.push(`${request.method()} ${request.url()}`);
    return route.abort("blockedbyclient");
  });
  return refused;
}

/** What a report says about a test that threw `error`. */
function verdict(error: unknown): Pick<TestResult, "summary" | "expected" | "seen"> {
  if (error instanceof Failure) {
    return { summary: error.message, expected: error.expected, seen: error.seen };
  }
  // Playwright's own errors (a timeout, a failed navigation): the first line, then its call log.
  const message = error instanceof Error ? error.message : String(error);
  const [first = "", ...rest] = message.split("\n");
  const seen = rest.join(" ").replace(/\s+/g, " ").trim();
  return { summary: first, ...(seen === "" ? {} : { seen }) };
}
