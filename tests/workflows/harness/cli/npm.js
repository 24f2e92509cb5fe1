#!/usr/bin/env node
// Stub `npm`: only `npm ci`, which installs nothing here (node_modules is the checkout's); the
// call log records which secrets its install scripts could have read.
"use strict";
const { fail, parseFlags, main } = require("./world");

main(
  "npm",
  (args) => {
    if (args[0] !== "ci") fail(`stub: npm ${args[0]} is not replayed`, 2);
    parseFlags("npm ci", args.slice(1), {
      audit: "bool",
      "no-audit": "bool",
      fund: "bool",
      "no-fund": "bool",
      "ignore-scripts": "bool",
    });
  },
  1,
);
