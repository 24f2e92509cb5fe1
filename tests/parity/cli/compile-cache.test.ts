import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cacheBytes, trimCache } from "../../../parity/cli/compile-cache";

describe("the compile cache of the parity command", () => {
  const root = mkdtempSync(path.join(tmpdir(), "parity-compile-cache-"));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });
  const cacheWith = (name: string, sizes: number[]) => {
    const dir = path.join(root, name);
    mkdirSync(dir);
    sizes.forEach((size, i) => {
      writeFileSync(path.join(dir, `entry-${i}`), Buffer.alloc(size));
    });
    return dir;
  };

  it("counts the bytes of its files, and none for a cache not made yet", () => {
    expect(cacheBytes(cacheWith("counted", [100, 250]))).toBe(350);
    expect(cacheBytes(path.join(root, "missing"))).toBe(0);
  });

  it("starts over past its size limit and keeps what fits", () => {
    const full = cacheWith("full", [600, 600]);
    const fits = cacheWith("fits", [400, 600]);

    trimCache(full, 1000);
    trimCache(fits, 1000);

    expect(cacheBytes(full)).toBe(0);
    expect(cacheBytes(fits)).toBe(1000);
  });
});
