// Loads the project's TypeScript sources through ts-node with SWC (no type check at run time;
// `npm test` type-checks), using the project's own tsconfig.
"use strict";
const path = require("node:path");

const prepareStackTrace = Error.prepareStackTrace;
require("ts-node").register({
  project: path.join(__dirname, "..", "..", "tsconfig.json"),
  transpileOnly: true,
  swc: true,
});
// ts-node maps every stack trace through source maps. Pulumi captures a stack trace for each
// promise it makes, so that mapping would triple the time of an offline evaluation; traces keep
// the positions of the transpiled code instead.
Error.prepareStackTrace = prepareStackTrace;
