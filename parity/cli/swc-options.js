// How the project's TypeScript becomes the JavaScript Node runs, for the `parity` command, the
// offline evaluation and jest alike: tsconfig.json's target, CommonJS modules (package.json has no
// "type"), types stripped without a type check (`npm test` type-checks with tsc).
"use strict";

/** @type {import("@swc/core").Options} */
module.exports = {
  jsc: { target: "es2022", parser: { syntax: "typescript" } },
  module: { type: "commonjs" },
};
