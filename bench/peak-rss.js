// Preloaded (`node -r`) into the child process the memory bench measures: on exit, writes the
// process's peak resident set size to stderr as `peak-rss-kib <n>`.
"use strict";
const { writeSync } = require("node:fs");

process.on("exit", () => {
  writeSync(2, `peak-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
