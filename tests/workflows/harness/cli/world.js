// What every stub CLI shares: the world it reads and changes (a JSON file a whole-run test sets
// up and inspects, WORLD_FILE), the log of its invocations (STUB_LOG), and a flag parser that
// refuses any flag the real tool does not have, so a workflow cannot rely on one that only a stub
// accepts.
"use strict";
const fs = require("node:fs");

function load() {
  return JSON.parse(fs.readFileSync(process.env.WORLD_FILE, "utf8"));
}

function save(world) {
  fs.writeFileSync(process.env.WORLD_FILE, JSON.stringify(world, null, 2));
}

/** Logs this invocation, with the names (never the values) of the secrets it could read. */
function logCall(command, args) {
  const secrets = [
    "PULUMI_CONFIG_PASSPHRASE",
    "PULUMI_ACCESS_TOKEN",
    "CLOUDFLARE_API_TOKEN",
    "GH_TOKEN",
    "AWS_SECRET_ACCESS_KEY",
  ].filter((name) => (process.env[name] ?? "") !== "");
  fs.appendFileSync(process.env.STUB_LOG, JSON.stringify({ command, args, secrets }) + "\n");
}

class Refusal extends Error {}

/** Stops the stub the way the real tool fails: a message on stderr and its exit code. */
function fail(message, code = 1) {
  process.stderr.write(message.endsWith("\n") ? message : `${message}\n`);
  process.exit(code);
}

/**
 * Parses `args` against `spec` (long name → "bool" | "value"; `aliases` short → long). Returns
 * `{ flags, positional }`; an unknown flag fails with the real tool's kind of message.
 */
function parseFlags(tool, args, spec, aliases = {}) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    let [name, inline] = arg.startsWith("--")
      ? [arg.slice(2), undefined]
      : [aliases[arg.slice(1)] ?? arg.slice(1), undefined];
    const eq = name.indexOf("=");
    if (eq >= 0) [name, inline] = [name.slice(0, eq), name.slice(eq + 1)];
    const kind = spec[name];
    if (kind === undefined) throw new Refusal(`${tool}: unknown flag: ${arg}`);
    if (kind === "bool") {
      flags[name] = inline === undefined ? true : inline !== "false";
    } else {
      const value = inline ?? args[++i];
      if (value === undefined) throw new Refusal(`${tool}: flag needs an argument: ${arg}`);
      (flags[name] ??= []).push(value);
    }
  }
  return { flags, positional, one: (name) => flags[name]?.at(-1) };
}

/** Runs a stub's main function, turning a refusal into the real tool's usage failure. */
function main(command, run, usageCode) {
  const args = process.argv.slice(2);
  logCall(command, args);
  try {
    run(args);
  } catch (error) {
    if (error instanceof Refusal) fail(error.message, usageCode);
    throw error;
  }
}

module.exports = { load, save, fail, parseFlags, main, Refusal };
