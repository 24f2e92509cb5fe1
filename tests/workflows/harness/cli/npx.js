#!/usr/bin/env node
// Stub `npx`: only `npx parity …`. `parity verify` and `parity functional` reach a deployed URL,
// so the world answers them; every other parity command runs for real, offline, on the files the
// workflow wrote, unless the world makes it fail with an internal error (exit 3).
// - verify (parity/cli/commands/verify.ts): a URL the world names fails (exit 1); with
//   `--previous-page FILE` the file must be readable and reference hashed assets (else exit 2, as
//   parity/verify/options.ts refuses it), and its `previous-assets` check fails for a URL of
//   `verify.skewFailUrls`.
// - functional (parity/cli/commands/functional.ts): the suite's own tests (functional/suite.ts),
//   reported by its own renderers (functional/render.ts) on stdout and in `--markdown`/`--json`;
//   `--read-only` skips the tests that write; for a URL the world names the first test that runs
//   fails and leaves its screenshot and trace in `--artifacts` (default functional-results), as
//   functional/run-suite.ts does; exit 1 then. A URL the world has no page for does not answer:
//   exit 2 with run-suite's message.
"use strict";
const { spawnSync } = require("node:child_process");
const { mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const path = require("node:path");
const { URL } = require("node:url");
const { load, fail, parseFlags, main } = require("./world");

const ROOT = path.resolve(__dirname, "../../../..");
const VERIFY = {
  release: "value",
  migration: "value",
  "read-only": "bool",
  "through-cloudflare": "bool",
  "asset-path-prefix": "value",
  "previous-page": "value",
  json: "value",
  reads: "value",
};
const FUNCTIONAL = {
  "read-only": "bool",
  artifacts: "value",
  browser: "value",
  timeout: "value",
  "asset-path-prefix": "value",
  json: "value",
  markdown: "value",
};

/** The project's TypeScript, loaded as the parity CLI loads it. */
function project(file) {
  require(path.join(ROOT, "parity/cli/register.js"));
  return require(path.join(ROOT, file));
}

function assetPathPrefix(given) {
  if (given !== undefined) return given;
  const { projectConfigValue, readProjectFile } = project("stacks/project-files.ts");
  return projectConfigValue(readProjectFile(process.cwd()), "assetPathPrefix");
}

function verify(world, args) {
  const { one, positional } = parseFlags("parity verify", args, VERIFY);
  const url = positional[0];
  const release = one("release");
  const previous = one("previous-page");
  let assets;
  if (previous !== undefined) {
    let html;
    try {
      html = readFileSync(previous, "utf8");
    } catch (error) {
      fail(
        `verify: --previous-page ${previous}: cannot be read (${error.code}). Save the live page before the deploy with curl -fsS <url>/ > ${previous}.`,
        2,
      );
    }
    const prefix = assetPathPrefix(one("asset-path-prefix"));
    assets = project("parity/verify/checks.ts").hashedAssets(html, prefix);
    if (assets.length === 0)
      fail(
        `verify: --previous-page ${previous} references no hashed assets under ${prefix}, so nothing of the previous release could be checked. Save the live page before the deploy (curl -fsS <url>/ > FILE) and pass that file.`,
        2,
      );
  }
  if (world.verify.failUrls.includes(url))
    fail(`parity verify: FAIL ${url} serves ${release}: the release check failed`, 1);
  if (assets !== undefined && world.verify.skewFailUrls.includes(url))
    fail(
      `parity verify: FAIL previous-assets: ${assets.length} of ${assets.length} assets of the release being replaced no longer load: its open pages break after the deploy (version skew).`,
      1,
    );
  if (assets !== undefined)
    process.stdout.write(
      `  PASS  previous-assets: ${assets.length} assets of the release being replaced still load from this one.\n`,
    );
  process.stdout.write(`parity verify: PASS ${url} (${release})\n`);
}

function functional(world, args) {
  const { flags, one, positional } = parseFlags("parity functional", args, FUNCTIONAL);
  const url = new URL(positional[0]).href;
  const readOnly = flags["read-only"] === true;
  if (world.pages[positional[0]] === undefined)
    fail(
      `functional: ${url} did not answer (getaddrinfo ENOTFOUND ${new URL(url).hostname}). Check the URL and that the environment is up.`,
      2,
    );
  const artifacts = path.resolve(one("artifacts") ?? "functional-results");
  const { FUNCTIONAL_TESTS } = project("functional/suite.ts");
  const render = project("functional/render.ts");
  let failing = world.functional.failUrls.includes(positional[0]);
  const results = FUNCTIONAL_TESTS.map((test) => {
    const named = { id: test.id, name: test.name };
    if (readOnly && test.writes)
      return { ...named, status: "skip", summary: "Read-only run: this test writes." };
    if (!failing) return { ...named, status: "pass" };
    failing = false;
    mkdirSync(artifacts, { recursive: true });
    const screenshot = path.join(artifacts, `${test.id}.png`);
    const trace = path.join(artifacts, `${test.id}.trace.zip`);
    writeFileSync(screenshot, "PNG");
    writeFileSync(trace, "PK");
    return {
      ...named,
      status: "fail",
      summary: "The script the browser runs is not the release the server reports.",
      expected: "the release /release reports",
      seen: "the previous release's script",
      screenshot,
      trace,
    };
  });
  const report = { url, readOnly, results, ok: results.every((r) => r.status !== "fail") };
  if (one("markdown") !== undefined) writeFileSync(one("markdown"), render.renderMarkdown(report));
  if (one("json") !== undefined) writeFileSync(one("json"), render.renderJson(report));
  process.stdout.write(render.renderText(report));
  process.exit(report.ok ? 0 : 1);
}

main(
  "npx",
  (args) => {
    if (args[0] !== "parity") fail(`stub: npx ${args[0]} is not replayed`, 2);
    const world = load();
    const command = args[1];
    if (command === "verify") return verify(world, args.slice(2));
    if (command === "functional") return functional(world, args.slice(2));
    if (world.parityFailures[command] !== undefined)
      fail(`parity: internal error: ${world.parityFailures[command]}`, 3);
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, "parity/cli/bin.js"), ...args.slice(1)],
      { stdio: "inherit" },
    );
    process.exit(run.status ?? 3);
  },
  2,
);
