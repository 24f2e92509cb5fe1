// Jest's global setup: this run's temporary files go to a directory of their own (see
// tests/scratch-dir.js), which the workers, and every process a test starts, inherit as TMPDIR.
"use strict";
const { openRunDir } = require("./scratch-dir");

module.exports = function globalSetup() {
  const dir = openRunDir();
  globalThis.parityTestRunDir = dir;
  process.env.TMPDIR = dir;
};
