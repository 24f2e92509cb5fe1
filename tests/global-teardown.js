// Jest's global teardown: removes this run's temporary files, whatever the tests left behind.
"use strict";
const { closeRunDir } = require("./scratch-dir");

module.exports = function globalTeardown() {
  closeRunDir(globalThis.parityTestRunDir);
};
