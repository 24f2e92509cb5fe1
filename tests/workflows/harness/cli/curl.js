#!/usr/bin/env node
// Stub `curl` for the deployed app: `/release` (app/README.md: release and schemaVersion) as the
// world's app serves it, and a base URL's page (`URL/`) as the world's pages hold it. A host the
// world serves no page for does not resolve yet (a stack's first deploy): with --fail/-f, curl
// exits 6 with "Could not resolve host" (curl(1), EXIT CODES).
"use strict";
const { URL } = require("node:url");
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
    const world = load();
    if (url.endsWith("/release")) {
      process.stdout.write(JSON.stringify(world.app) + "\n");
      return;
    }
    if (!url.endsWith("/")) fail(`stub: curl ${url} is not replayed`, 2);
    const page = world.pages[url.slice(0, -1)];
    if (page === undefined) fail(`curl: (6) Could not resolve host: ${new URL(url).hostname}`, 6);
    process.stdout.write(page);
  },
  2,
);
