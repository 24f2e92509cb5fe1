// The thread offline evaluations run in (started by ./evaluation-thread.ts): TypeScript is
// registered as the `parity` command registers it, then the thread answers evaluation requests.
"use strict";
const nodeModule = require("node:module");
const path = require("node:path");

// A worker thread has no trace_events (requiring it throws ERR_TRACE_EVENTS_UNAVAILABLE), and
// Pulumi's function serializer (a dynamic provider) requires every module this list names: in
// this thread, the list leaves it out.
nodeModule.builtinModules = Object.freeze(
  nodeModule.builtinModules.filter((name) => name !== "trace_events"),
);

/**
 * V8 keeps the bytecode this thread compiles (the SDK, the providers, the program) in the cache
 * the command keeps (parity/cli/compile-cache.js), under a name of its own. The thread is ended
 * with the process, before an exit handler could write it: it is written once the first
 * evaluation, which compiles nearly all of it, is answered.
 */
const CACHE_DIR = path.join(__dirname, "..", "..", "node_modules", ".cache", "v8-compile-cache");
function useCompileCache() {
  try {
    if (typeof nodeModule.enableCompileCache === "function") {
      nodeModule.enableCompileCache(CACHE_DIR);
      return () => nodeModule.flushCompileCache?.();
    }
    const cache = require("v8-compile-cache-lib").install({
      cacheDir: CACHE_DIR,
      prefix: "evaluation-worker",
    });
    return () => cache?.uninstall();
  } catch {
    // A cache that cannot be written is skipped.
    return () => undefined;
  }
}
const writeCompileCache = useCompileCache();

require("../cli/register");
require("./evaluation-service.ts").serveEvaluations(writeCompileCache);
// Loaded while the main thread still loads the command: the SDK the checker resolves, which is
// the program's own when the checker runs in the project (a program with its own copy loads that).
require("@pulumi/pulumi");
