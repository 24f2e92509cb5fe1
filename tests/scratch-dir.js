// Where the tests keep their temporary files. Tests create and delete thousands of files and run
// PostgreSQL servers that fsync; on a disk mounted with `discard` every delete waits for the
// device, which was a third of `npm test`'s time. A RAM-backed /dev/shm that can hold and run
// them is used instead, unless TMPDIR already says where temporary files go.
"use strict";
const { accessSync, constants, readFileSync, statfsSync } = require("node:fs");

const SHM = "/dev/shm";
/** Room the tests need: copies of the PostgreSQL binaries and data directories, project copies. */
const MIN_FREE_BYTES = 2 * 1024 ** 3;

/**
 * The mount options of `mountPoint` when it is a tmpfs, from the text of /proc/mounts (the last
 * mount of a point wins); undefined when it is not a tmpfs mount.
 */
function tmpfsOptions(mounts, mountPoint) {
  const entry = mounts
    .split("\n")
    .map((line) => line.split(" "))
    .filter(([, point, type]) => point === mountPoint && type === "tmpfs")
    .at(-1);
  return entry?.[3]?.split(",");
}

/** /dev/shm when it is a writable tmpfs that may run programs and has the room; else undefined. */
function ramScratchDir() {
  try {
    const options = tmpfsOptions(readFileSync("/proc/mounts", "utf8"), SHM);
    if (options === undefined || options.includes("noexec")) return undefined;
    accessSync(SHM, constants.W_OK | constants.X_OK);
    const { bavail, bsize } = statfsSync(SHM);
    return bavail * bsize >= MIN_FREE_BYTES ? SHM : undefined;
  } catch {
    return undefined;
  }
}

/** The directory for the tests' temporary files: TMPDIR when set, else a usable /dev/shm. */
function scratchDir(env = process.env) {
  return env.TMPDIR || ramScratchDir();
}

module.exports = { scratchDir, tmpfsOptions };
