import path from "node:path";
import { FARGATE_MEMORY } from "../components/aws/fargate-sizes";
import { depthInZone, UNIVERSAL_SSL_DEPTH } from "../components/cloudflare/hostname";
import { ConfigError } from "./config-error";
import { KEYS, type KeyName, type StackValues } from "./keys";

export interface RuleContext {
  /** The stack file the fix goes into. */
  readonly file: string;
  readonly stack: string;
  readonly fullKey: (key: KeyName) => string;
}

/**
 * Rules that span several keys, each broken one a {@link ConfigError}. They are checked after
 * every key parsed on its own, so the message can name all the keys involved.
 */
export function checkCrossKeyRules(values: Readonly<StackValues>, ctx: RuleContext): ConfigError[] {
  const problems: ConfigError[] = [];
  const key = ctx.fullKey;
  const set = (k: KeyName, v: string) => `pulumi config set ${key(k)} ${v} -s ${ctx.stack}`;
  if (values.tier === "production" && !(values.deletionProtection && values.protect)) {
    const off = values.deletionProtection ? "protect" : "deletionProtection";
    problems.push(
      new ConfigError(
        ctx.file,
        key(off),
        "is false, but a production stack must keep its data from being deleted",
        `true when ${key("tier")} is "production"`,
        set(off, "true"),
      ),
    );
  }
  const images = [values.imageBuildContext, values.imageRef].filter((v) => v !== undefined);
  if (values.tier === "production" && values.imageRef === undefined) {
    problems.push(
      new ConfigError(
        ctx.file,
        key("imageRef"),
        "is not set: production never builds its image, it runs the digest staging exported, which the promote pipeline sets before `pulumi up`",
        "repo@sha256:<64 hex>",
        set("imageRef", "<staging's exported imageRef>") +
          (values.imageBuildContext === undefined ? "" : ` and remove ${key("imageBuildContext")}`),
      ),
    );
  } else if (images.length !== 1) {
    // (Production without its digest is told above which image source to set.)
    problems.push(
      new ConfigError(
        ctx.file,
        `${key("imageBuildContext")} / ${key("imageRef")}`,
        images.length === 0 ? "neither is set" : "both are set",
        "exactly one: a build context to build the image, or an image reference pinned by digest",
        `set one and remove the other`,
      ),
    );
  }
  if (values.imagePullAccountIds !== undefined && values.imageBuildContext === undefined) {
    problems.push(
      new ConfigError(
        ctx.file,
        key("imagePullAccountIds"),
        "is set, but this stack builds no image and so has no repository to share",
        `only with ${key("imageBuildContext")}, in the stack that builds (staging)`,
        `remove ${key("imagePullAccountIds")} from ${path.basename(ctx.file)}`,
      ),
    );
  }
  if (values.imageRepositoryUrl !== undefined && values.imageBuildContext === undefined) {
    problems.push(
      new ConfigError(
        ctx.file,
        key("imageRepositoryUrl"),
        "is set, but this stack builds no image to push there",
        `only with ${key("imageBuildContext")}, in the stack that builds (staging)`,
        `remove ${key("imageRepositoryUrl")} from ${path.basename(ctx.file)}`,
      ),
    );
  }
  if (values.imageRepositoryUrl !== undefined && values.imagePullAccountIds !== undefined) {
    problems.push(
      new ConfigError(
        ctx.file,
        key("imagePullAccountIds"),
        "is set, but the build pushes to the shared registry, whose pull policy the bootstrap owns",
        `unset while ${key("imageRepositoryUrl")} is set`,
        `remove ${key("imagePullAccountIds")} from ${path.basename(ctx.file)} and list the accounts in the bootstrap's imagePullAccountIds (bootstrap/Pulumi.org.yaml)`,
      ),
    );
  }
  if (values.dbSnapshotIdentifier !== undefined && values.dbCloneSourceClusterId !== undefined) {
    problems.push(
      new ConfigError(
        ctx.file,
        `${key("dbSnapshotIdentifier")} / ${key("dbCloneSourceClusterId")}`,
        "both are set, but the database starts either from a snapshot or as a clone",
        "at most one of them",
        "remove one of them",
      ),
    );
  }
  const { hostname, cloudflareZone: zone } = values;
  const depth = depthInZone(hostname, zone);
  if (depth === undefined || depth > UNIVERSAL_SSL_DEPTH) {
    problems.push(
      new ConfigError(
        ctx.file,
        key("hostname"),
        depth === undefined
          ? `is "${hostname}", which is not in ${key("cloudflareZone")} "${zone}"`
          : `is "${hostname}", ${depth} labels below ${key("cloudflareZone")} "${zone}", where Cloudflare's Universal SSL certificate does not cover it`,
        `"${zone}" or a name one label below it, such as "app.${zone}"`,
        `change ${key("hostname")}, or set ${key("cloudflareZone")} to the zone that holds it`,
      ),
    );
  }
  const fargateMemory = FARGATE_MEMORY[values.taskCpu];
  if (!fargateMemory.includes(values.taskMemory)) {
    problems.push(
      new ConfigError(
        ctx.file,
        key("taskMemory"),
        `is ${values.taskMemory}, which Fargate does not run with ${key("taskCpu")} ${values.taskCpu}`,
        `for ${values.taskCpu} CPU units, one of ${fargateMemory.join(", ")}`,
        `change ${key("taskMemory")}, or ${key("taskCpu")} to a size that allows ${values.taskMemory} MiB`,
      ),
    );
  }
  if (values.minTasks > values.maxTasks) {
    problems.push(
      new ConfigError(
        ctx.file,
        key("minTasks"),
        `is ${values.minTasks}, above ${key("maxTasks")} (${values.maxTasks})`,
        `at most ${key("maxTasks")}`,
        `lower ${key("minTasks")} or raise ${key("maxTasks")}`,
      ),
    );
  }
  if (values.dbMode === "provisioned" && values.dbInstanceClass === undefined) {
    problems.push(
      new ConfigError(
        ctx.file,
        key("dbInstanceClass"),
        `is not set, but ${key("dbMode")} is "provisioned" in every stack, so each stack sizes its instances with a class`,
        KEYS.dbInstanceClass.allowed,
        set("dbInstanceClass", "db.r7g.large"),
      ),
    );
  }
  if (values.dbMode === "serverless" && values.dbInstanceClass !== undefined) {
    problems.push(
      new ConfigError(
        ctx.file,
        key("dbInstanceClass"),
        `is set, but ${key("dbMode")} is "serverless" in every stack, whose instances are sized by their ACU range`,
        `no instance class; ${key("dbServerlessMinAcu")} and ${key("dbServerlessMaxAcu")} instead`,
        `remove ${key("dbInstanceClass")} from ${path.basename(ctx.file)}`,
      ),
    );
  }
  if (values.dbServerlessMinAcu > values.dbServerlessMaxAcu) {
    problems.push(
      new ConfigError(
        ctx.file,
        key("dbServerlessMinAcu"),
        `is ${values.dbServerlessMinAcu}, above ${key("dbServerlessMaxAcu")} (${values.dbServerlessMaxAcu})`,
        `at most ${key("dbServerlessMaxAcu")}`,
        `lower ${key("dbServerlessMinAcu")} or raise ${key("dbServerlessMaxAcu")}`,
      ),
    );
  }
  return problems;
}
