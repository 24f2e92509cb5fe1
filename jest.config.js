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
  // GitHub's workflow parser, expression evaluator and language service are ES modules (with JSON
  // imported without import attributes, which Node refuses) exporting only an "import" condition:
  // jest resolves them to their dist files and compiles them to CommonJS like the project's own.
  // marked (which renders the PR comment as GitHub would, in tests) ships only an ES module too.
  moduleNameMapper: {
    "^@actions/(workflow-parser|expressions|languageservice)$":
      "<rootDir>/node_modules/@actions/$1/dist/index.js",
    "^@actions/(workflow-parser|expressions|languageservice)/(.*?)(\\.js)?$":
      "<rootDir>/node_modules/@actions/$1/dist/$2.js",
  },
  transformIgnorePatterns: [
    "/node_modules/(?!(@actions/(workflow-parser|expressions|languageservice)|marked)/)",
  ],
  // Jest's default, one worker less than the cores, runs the suites one at a time on 2 cores;
  // many wait on PostgreSQL or child processes, so one worker per core finishes far sooner.
  maxWorkers: availableParallelism(),
  testTimeout: 60000,
  // Each run keeps its temporary files in a directory of its own, removed when the run ends.
  globalSetup: "<rootDir>/tests/global-setup.js",
  globalTeardown: "<rootDir>/tests/global-teardown.js",
};
