#!/usr/bin/env node
// Stub `curl` for the deployed app's `/release` document (app/README.md: release and
// schemaVersion), as the world's app serves it.
"use strict";
const { load, fail, parseFlags, main } = require("./world");

main(
  "curl",
  (args) => {
    const { positional } = parseFlags("curl", args, {
      fail: "bool",
      silent: "bool",
      "show-error": "bool",
      "max-time": "value",
      location: "bool",
    });
    const url = positional[0] ?? "";
    if (!url.endsWith("/release")) fail(`stub: curl ${url} is not replayed`, 2);
    process.stdout.write(JSON.stringify(load().app) + "\n");
  },
  2,
);
