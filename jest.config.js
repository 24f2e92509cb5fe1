const { availableParallelism } = require("node:os");
const swcOptions = require("./parity/cli/swc-options");

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
  // Each run keeps its temporary files in a directory of its own, removed when the run ends.
  globalSetup: "<rootDir>/tests/global-setup.js",
  globalTeardown: "<rootDir>/tests/global-teardown.js",
};
