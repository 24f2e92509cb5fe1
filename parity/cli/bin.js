#!/usr/bin/env node
// The `parity` command.
"use strict";
require("./compile-cache").useCompileCache();
require("./register");
require("./main.ts")
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
