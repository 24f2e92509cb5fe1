#!/usr/bin/env node
// The `parity` command. Runs the TypeScript sources through ts-node with SWC (no type check at run
// time; `npm test` type-checks), using the project's own tsconfig.
"use strict";
const path = require("node:path");
require("ts-node").register({
  project: path.join(__dirname, "..", "..", "tsconfig.json"),
  transpileOnly: true,
  swc: true,
});
require("./main.ts")
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
