/** Types of parity/cli/swc-options.js, which jest and the TypeScript hook load as JavaScript. */
import type { Options } from "@swc/core";

declare const options: Options;
export = options;
