#!/usr/bin/env node
// The `parity` command.
"use strict";
require("./compile-cache").useCompileCache();
require("./register");
const { main } = require("./main.ts");
void require("./process-run.ts").runAsProcess(() => main(process.argv));
