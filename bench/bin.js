#!/usr/bin/env node
// `npm run bench`: runs bench/bench.ts the way the parity bin runs its sources.
"use strict";
require("../parity/cli/register");
require("./bench.ts");
