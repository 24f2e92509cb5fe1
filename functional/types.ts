import type { Page } from "playwright-core";

/** What a functional test gets: a page in a fresh browser, on the environment under test. */
export interface Visit {
  /**
   * A page in a browser context of its own (no cookies, no cache) whose base URL is the
   * environment's, so `page.goto("/")` opens its home page; `page.request` asks the server
   * directly, outside the page.
   */
  readonly page: Page;
  /** URL prefix of the content-hashed assets, which the edge caches as immutable. */
  readonly assetPathPrefix: string;
}

/** One test a user would recognise, run in a real browser against any environment. */
export interface FunctionalTest {
  /** Short and stable: names the test's screenshot and trace. */
  readonly id: string;
  /** What it proves, as a sentence. */
  readonly name: string;
  /** It changes data (creates a note): a read-only run (production) skips it. */
  readonly writes: boolean;
  /** Resolves when the environment behaves; throws (a {@link Failure} says what) otherwise. */
  run(visit: Visit): Promise<void>;
}

export type TestStatus = "pass" | "fail" | "skip";

/** The verdict of one test, and where its screenshot and trace are when it failed. */
export interface TestResult {
  readonly id: string;
  readonly name: string;
  readonly status: TestStatus;
  /** Why it failed or was skipped, in one sentence. */
  readonly summary?: string;
  readonly expected?: string;
  readonly seen?: string;
  /** The page when the test failed (PNG). */
  readonly screenshot?: string;
  /** Playwright's trace of the failed test (`npx playwright show-trace FILE`). */
  readonly trace?: string;
}

/** Everything one run of the suite decided about one environment. */
export interface SuiteReport {
  readonly url: string;
  readonly readOnly: boolean;
  readonly results: readonly TestResult[];
  /** True when no test failed (skipped tests do not fail a run). */
  readonly ok: boolean;
}

/** Validated input of a run. */
export interface SuiteOptions {
  /** The environment's base URL (http: or https:), e.g. the CDN hostname. */
  readonly url: URL;
  /** Skip the tests that write, and let the browser send nothing but GET and HEAD requests. */
  readonly readOnly: boolean;
  /** Where the screenshots and traces of failed tests are written (created when needed). */
  readonly artifactsDir: string;
  /** The Chromium (or Chrome) executable to drive. */
  readonly browserPath: string;
  /** How long one browser action (a navigation, a click, waiting for an element) may take. */
  readonly timeoutMs: number;
  /** URL prefix of the content-hashed assets (the stacks' `assetPathPrefix`). */
  readonly assetPathPrefix: string;
  /** The tests to run, in order. */
  readonly tests: readonly FunctionalTest[];
}
