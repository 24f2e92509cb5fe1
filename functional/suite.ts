import type { FunctionalTest } from "./types";
import { failedRequest } from "./tests/failed-request";
import { assetsHashedAndImmutable } from "./tests/hashed-assets";
import { pageLoads } from "./tests/page-loads";
import { readYourWrites } from "./tests/read-your-writes";
import { scriptRelease } from "./tests/script-release";

/** The functional suite, in the order it runs: a team's own test is one file and one line here. */
export const FUNCTIONAL_TESTS: readonly FunctionalTest[] = [
  pageLoads,
  scriptRelease,
  assetsHashedAndImmutable,
  readYourWrites,
  failedRequest,
];
