#!/usr/bin/env node
// `npm run bench`: runs parity/bench/bench.ts through ts-node with SWC, like the parity bin.
"use strict";
const path = require("node:path");
require("ts-node").register({
  project: path.join(__dirname, "..", "..", "tsconfig.json"),
  transpileOnly: true,
  swc: true,
});
require("./bench.ts");
