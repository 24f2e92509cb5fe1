import { scratchDir, tmpfsOptions } from "./scratch-dir";

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
