#!/usr/bin/env node
// Stub `npx`: only `npx parity …`. `parity verify` reaches a deployed URL, so the world answers
// it (a URL the world names fails verification, exit 1 as in
// `parity verify --help`); every other parity command runs for real, offline, on the files the
// workflow wrote, unless the world makes it fail with an internal error (exit 3).
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { load, fail, parseFlags, main } = require("./world");

const ROOT = path.resolve(__dirname, "../../../..");
const VERIFY = {
  release: "value",
  migration: "value",
  "read-only": "bool",
  "through-cloudflare": "bool",
  "asset-path-prefix": "value",
  json: "value",
  reads: "value",
};

main(
  "npx",
  (args) => {
    if (args[0] !== "parity") fail(`stub: npx ${args[0]} is not replayed`, 2);
    const world = load();
    const command = args[1];
    if (command === "verify") {
      const { one, positional } = parseFlags("parity verify", args.slice(2), VERIFY);
      const release = one("release");
      if (world.verify.failUrls.includes(positional[0]))
        fail(`parity verify: FAIL ${positional[0]} serves ${release}: the release check failed`, 1);
      process.stdout.write(`parity verify: PASS ${positional[0]} (${release})\n`);
      return;
    }
    if (world.parityFailures[command] !== undefined)
      fail(`parity: internal error: ${world.parityFailures[command]}`, 3);
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, "parity/cli/bin.js"), ...args.slice(1)],
      { stdio: "inherit" },
    );
    process.exit(run.status ?? 3);
  },
  2,
);
