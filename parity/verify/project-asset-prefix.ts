import { findProjectDir } from "../../stacks/project-dir";
import { projectConfigValue, readProjectFile } from "../../stacks/project-files";
import { DEFAULT_ASSET_PATH_PREFIX } from "./checks";

/**
 * The stacks' `assetPathPrefix` from Pulumi.yaml when a check runs in the project or a directory
 * inside it (as the pipelines do), so a changed prefix is checked without a flag; elsewhere the
 * built-in default.
 */
export function projectAssetPathPrefix(cwd: string): string {
  const dir = findProjectDir(cwd);
  if (dir === undefined) return DEFAULT_ASSET_PATH_PREFIX;
  const prefix = projectConfigValue(readProjectFile(dir), "assetPathPrefix");
  return typeof prefix === "string" ? prefix : DEFAULT_ASSET_PATH_PREFIX;
}
