#!/usr/bin/env node
// `npm run bench`: runs parity/bench/bench.ts the way the parity bin runs its sources.
"use strict";
require("../cli/register");
require("./bench.ts");
