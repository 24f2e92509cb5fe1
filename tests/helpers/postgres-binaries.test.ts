import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runChecked } from "./child-process";
import {
  postgresServerUser,
  stagePostgresBinaries,
  type PostgresBinaries,
} from "./postgres-binaries";

describe("stagePostgresBinaries", () => {
  let dir: string;
  let staged: PostgresBinaries;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "postgres-binaries-"));
    chmodSync(dir, 0o755);
    staged = stagePostgresBinaries(path.join(dir, "native"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("copies a server that the user PostgreSQL runs as can start, whatever the checkout's path", () => {
    const { bin, lib } = staged;
    const version = runChecked("postgres --version", path.join(bin, "postgres"), ["--version"], {
      env: { ...process.env, LD_LIBRARY_PATH: lib },
      ...postgresServerUser(),
    });
    expect(version).toMatch(/^postgres \(PostgreSQL\) \d+\.\d+/);
  });

  it("keeps the files' modes and makes the library links relative, so the copy stands alone", () => {
    const { bin, lib } = staged;
    expect(statSync(path.join(bin, "initdb")).mode & 0o755).toBe(0o755);
    expect(statSync(lib).mode & 0o755).toBe(0o755);
    const link = path.join(lib, "libpq.so.5");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(path.isAbsolute(readlinkSync(link))).toBe(false);
    expect(path.dirname(realpathSync(link))).toBe(realpathSync(lib));
  });
});
