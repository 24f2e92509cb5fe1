// The thread offline evaluations run in (started by ./evaluation-thread.ts): TypeScript is
// registered as the `parity` command registers it, then the thread answers evaluation requests.
"use strict";
const nodeModule = require("node:module");

// A worker thread has no trace_events (requiring it throws ERR_TRACE_EVENTS_UNAVAILABLE), and
// Pulumi's function serializer (a dynamic provider) requires every module this list names: in
// this thread, the list leaves it out.
nodeModule.builtinModules = Object.freeze(
  nodeModule.builtinModules.filter((name) => name !== "trace_events"),
);
require("../cli/register");
require("./evaluation-service.ts").serveEvaluations();
// Loaded while the main thread still loads the command: the SDK the checker resolves, which is
// the program's own when the checker runs in the project (a program with its own copy loads that).
require("@pulumi/pulumi");
