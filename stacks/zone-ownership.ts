import path from "node:path";
import { ConfigError } from "./config-error";
import {
  committedStacks,
  keyPosition,
  readStackFile,
  type FileValue,
  type StackFile,
} from "./project-files";

/** One committed stack that claims a zone's edge settings. */
interface Claim {
  readonly file: StackFile;
  readonly zoneId: string;
  readonly zone: string | undefined;
}

function valueOf(file: StackFile, project: string, key: string): FileValue | undefined {
  return file.config[`${project}:${key}`] ?? file.config[key];
}

function claimOf(file: StackFile, project: string): Claim | undefined {
  const owns = valueOf(file, project, "ownsZoneSettings");
  const zoneId = valueOf(file, project, "cloudflareZoneId");
  if ((owns !== true && owns !== "true") || typeof zoneId !== "string") return undefined;
  const zone = valueOf(file, project, "cloudflareZone");
  return { file, zoneId, zone: typeof zone === "string" ? zone : undefined };
}

/**
 * Committed config in which two stacks own the edge settings of the same Cloudflare zone, one
 * error per extra owner. Cloudflare keeps one zone ruleset per phase, so two owners would overwrite
 * each other's cache rules and TLS settings on every deploy; exactly one stack per zone may set
 * `ownsZoneSettings`.
 */
export function checkZoneOwnership(projectDir: string, project: string): ConfigError[] {
  const problems: ConfigError[] = [];
  const owners = new Map<string, Claim>();
  for (const stack of committedStacks(projectDir)) {
    const file = readStackFile(projectDir, stack);
    const claim = file === undefined ? undefined : claimOf(file, project);
    if (claim === undefined) continue;
    const owner = owners.get(claim.zoneId);
    if (owner !== undefined) {
      const zone = claim.zone ?? owner.zone;
      const key = `${project}:ownsZoneSettings`;
      problems.push(
        new ConfigError(
          claim.file.file,
          key,
          `is true, but ${path.basename(owner.file.file)} already owns the edge settings of Cloudflare zone ${claim.zoneId}${zone === undefined ? "" : ` (${zone})`}`,
          "one owning stack per zone, because Cloudflare keeps one zone ruleset per phase",
          `set ${key}: false in ${path.basename(claim.file.file)} or in ${path.basename(owner.file.file)}`,
          keyPosition(claim.file, project, key),
        ),
      );
    } else {
      owners.set(claim.zoneId, claim);
    }
  }
  return problems;
}
