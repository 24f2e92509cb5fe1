// Loads the project's TypeScript sources through SWC with the options jest uses too. A source is
// transpiled once per process: an offline evaluation loads the program again for every stack, and
// a copy of the project in another folder has the same sources.
"use strict";
const { addHook } = require("pirates");
const { transformSync } = require("@swc/core");
const options = require("./swc-options");

/** Transpiled JavaScript by TypeScript source text. */
const transpiled = new Map();

function transpile(source, filename) {
  let code = transpiled.get(source);
  if (code === undefined) {
    code = transformSync(source, { ...options, filename, swcrc: false, configFile: false }).code;
    transpiled.set(source, code);
  }
  return code;
}

addHook(transpile, { exts: [".ts"], ignoreNodeModules: true });
