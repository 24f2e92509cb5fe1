// V8 keeps the bytecode of the modules `parity` compiled (Pulumi's SDK, TypeScript, the program)
// for its next run, in the project's node_modules/.cache: natively from Node 22.1, through
// v8-compile-cache-lib before. A cache that cannot be written is skipped.
"use strict";
const { enableCompileCache } = require("node:module");
const { readdirSync, rmSync, statSync } = require("node:fs");
const path = require("node:path");

const CACHE_DIR = path.join(__dirname, "..", "..", "node_modules", ".cache", "v8-compile-cache");
/**
 * Entries are never dropped, and each copy of a project in another folder adds its own: past this
 * size the cache starts over.
 */
const MAX_CACHE_BYTES = 64 * 1024 ** 2;

/** Bytes of the files directly in `dir`; 0 when there is no such directory. */
function cacheBytes(dir) {
  try {
    return readdirSync(dir).reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
  } catch {
    return 0;
  }
}

/** Empties `dir` when it holds more than `maxBytes`. */
function trimCache(dir, maxBytes = MAX_CACHE_BYTES) {
  if (cacheBytes(dir) > maxBytes) rmSync(dir, { recursive: true, force: true });
}

/** Turns the compile cache on for the rest of this process. */
function useCompileCache(dir = CACHE_DIR) {
  trimCache(dir);
  if (typeof enableCompileCache === "function") enableCompileCache(dir);
  else require("v8-compile-cache-lib").install({ cacheDir: dir });
}

module.exports = { cacheBytes, trimCache, useCompileCache };
