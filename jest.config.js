const { availableParallelism } = require("node:os");
const swcOptions = require("./parity/cli/swc-options");
const { scratchDir } = require("./tests/scratch-dir");

// Jest's workers and every process a test starts inherit it.
const scratch = scratchDir();
if (scratch !== undefined) process.env.TMPDIR = scratch;

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", swcOptions],
  },
  // Jest's default, one worker less than the cores, runs the suites one at a time on 2 cores;
  // many wait on PostgreSQL or child processes, so one worker per core finishes far sooner.
  maxWorkers: availableParallelism(),
  testTimeout: 60000,
};
