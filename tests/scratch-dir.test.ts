import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeRunDir, openRunDir, scratchDir, tmpfsOptions } from "./scratch-dir";

const MOUNTS = [
  "/dev/vda / ext4 rw,relatime,discard 0 0",
  "tmpfs /dev/shm tmpfs rw,nosuid,nodev,noexec,size=65536k 0 0",
  "tmpfs /run tmpfs rw,nosuid,size=1024k 0 0",
].join("\n");

describe("the tests' scratch directory", () => {
  it("keeps a TMPDIR the user set", () => {
    expect(scratchDir({ TMPDIR: "/var/tmp/mine" })).toBe("/var/tmp/mine");
  });

  it("reads the options of a tmpfs mount, the last mount of the point winning", () => {
    expect(tmpfsOptions(MOUNTS, "/dev/shm")).toContain("noexec");
    expect(tmpfsOptions(`${MOUNTS}\ntmpfs /dev/shm tmpfs rw,size=2g 0 0`, "/dev/shm")).toEqual([
      "rw",
      "size=2g",
    ]);
  });

  it("knows a disk from a tmpfs", () => {
    expect(tmpfsOptions(MOUNTS, "/")).toBeUndefined();
    expect(tmpfsOptions(MOUNTS, "/dev/shm/x")).toBeUndefined();
  });
});

describe("a test run's directory", () => {
  let parent: string;
  beforeEach(() => {
    parent = mkdtempSync(path.join(tmpdir(), "parity-run-dirs-"));
  });
  afterEach(() => {
    rmSync(parent, { recursive: true, force: true });
  });

  it("is new, named for the Jest process, and passable but not listable by other users", () => {
    const dir = openRunDir(parent, 4242);

    expect(path.dirname(dir)).toBe(parent);
    expect(path.basename(dir)).toMatch(/^parity-tests-4242-[A-Za-z0-9]{6}$/);
    expect(statSync(dir).mode & 0o777).toBe(0o711);
  });

  it("replaces the directories of runs whose Jest process is gone, and only those", () => {
    // Above Linux's largest process id (2^22), so no process has it.
    const gone = path.join(parent, "parity-tests-9999999-AbC123");
    const running = path.join(parent, `parity-tests-${process.pid}-XyZ789`);
    const other = path.join(parent, "parity-tests-keep");
    for (const dir of [gone, running, other]) mkdirSync(path.join(dir, "pg"), { recursive: true });

    const dir = openRunDir(parent);

    expect(readdirSync(parent).sort()).toEqual(
      [path.basename(dir), path.basename(running), path.basename(other)].sort(),
    );
  });

  it("leaves a gone run's directory it may not remove (another user's) in place", () => {
    const locked = path.join(parent, "parity-tests-9999999-AbC123", "locked");
    mkdirSync(locked, { recursive: true });
    writeFileSync(path.join(locked, "file"), "");
    // Unremovable for anyone but root; root removes it.
    chmodSync(locked, 0o500);

    const dir = openRunDir(parent);
    if (existsSync(locked)) chmodSync(locked, 0o700);

    expect(existsSync(dir)).toBe(true);
  });

  it("is removed with everything in it, and nothing else is", () => {
    const dir = openRunDir(parent);
    mkdirSync(path.join(dir, "left", "behind"), { recursive: true });

    closeRunDir(dir);

    expect(existsSync(dir)).toBe(false);
    expect(() => {
      closeRunDir(parent);
    }).toThrow("is not a test run directory");
    expect(existsSync(parent)).toBe(true);
  });
});
