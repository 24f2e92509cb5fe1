#!/usr/bin/env node
// Stub `sleep`: polling loops run without waiting (no timed tests).
"use strict";
require("./world").main("sleep", () => undefined, 1);
