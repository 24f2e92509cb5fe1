import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A copy of the checkout's files (tracked and untracked, less what .gitignore leaves out) in a new
 * temporary directory, sharing the checkout's node_modules through a symlink.
 */
export function scratchCopy(root: string): string {
  const scratch = mkdtempSync(path.join(tmpdir(), "mutate-workflows-"));
  const files = execFileSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    { cwd: root, encoding: "utf8" },
  )
    .split("\0")
    .filter((file) => file !== "" && existsSync(path.join(root, file)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    copyFileSync(path.join(root, file), path.join(scratch, file));
  }
  symlinkSync(path.join(root, "node_modules"), path.join(scratch, "node_modules"), "dir");
  return scratch;
}
