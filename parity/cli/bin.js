#!/usr/bin/env node
// The `parity` command.
"use strict";
const { enableCompileCache } = require("node:module");
const path = require("node:path");

// V8 keeps the bytecode of the modules it compiled (Pulumi's SDK, TypeScript, the program) for the
// next run, in the project's node_modules/.cache: natively from Node 22.1, through
// v8-compile-cache-lib before. A cache that cannot be written is skipped.
const compileCache = path.join(__dirname, "..", "..", "node_modules", ".cache", "v8-compile-cache");
if (typeof enableCompileCache === "function") enableCompileCache(compileCache);
else require("v8-compile-cache-lib").install({ cacheDir: compileCache });

require("./register");
require("./main.ts")
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
