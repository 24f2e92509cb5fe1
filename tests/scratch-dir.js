// Where the tests keep their temporary files. Tests create and delete thousands of files and run
// PostgreSQL servers that fsync; on a disk mounted with `discard` every delete waits for the
// device, which was a third of `npm test`'s time. A RAM-backed /dev/shm that can hold and run
// them is used instead, unless TMPDIR already says where temporary files go.
"use strict";
const {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statfsSync,
} = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");

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

/** Names of run directories: the Jest process's id, then mkdtemp's suffix. */
const RUN_DIR = /^parity-tests-(\d+)-[A-Za-z0-9]{6}$/;

/** Whether a process with this id exists (one of another user's counts). */
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/**
 * A new directory for one test run's temporary files under `parent` (by default the scratch
 * directory): Jest's global setup makes it TMPDIR for the workers and every process a test
 * starts, and the global teardown removes it, with whatever a failed test or a killed child left
 * behind. Run directories of runs whose Jest process is gone (killed before its teardown) are
 * removed first. Other users may pass through it (not list it), as the PostgreSQL server does
 * when the tests run as root.
 */
function openRunDir(parent = scratchDir() ?? tmpdir(), pid = process.pid) {
  for (const name of readdirSync(parent)) {
    const match = RUN_DIR.exec(name);
    if (match !== null && !isRunning(Number(match[1]))) {
      try {
        rmSync(path.join(parent, name), { recursive: true, force: true });
      } catch {
        // Another user's: theirs to remove.
      }
    }
  }
  const dir = mkdtempSync(path.join(parent, `parity-tests-${pid}-`));
  chmodSync(dir, 0o711);
  return dir;
}

/** Removes a run directory {@link openRunDir} made, with everything in it. */
function closeRunDir(dir) {
  if (!RUN_DIR.test(path.basename(dir))) throw new Error(`${dir} is not a test run directory`);
  rmSync(dir, { recursive: true, force: true });
}

module.exports = { scratchDir, tmpfsOptions, openRunDir, closeRunDir };
