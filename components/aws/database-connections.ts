import type { DatabaseCapacity } from "./database-capacity";

/** Aurora PostgreSQL's default: max_connections = LEAST(DBInstanceClassMemory / 9531392, 5000). */
const BYTES_PER_CONNECTION = 9_531_392;
const MAX_CONNECTIONS_CAP = 5_000;
const GIB = 1024 ** 3;
/** Memory per vCPU of the memory-optimised (r), general-purpose (m) and x families, in GiB. */
const GIB_PER_VCPU: Readonly<Record<string, number>> = { r: 8, m: 4, x: 16 };
/** Burstable classes' memory, in GiB, by size. */
const BURSTABLE_GIB: Readonly<Record<string, number>> = { medium: 4, large: 8 };
/** Serverless v2: one ACU is about 2 GiB of memory. */
const GIB_PER_ACU = 2;

/** vCPUs of an instance size: `large` 2, `xlarge` 4, `<n>xlarge` 4n. */
function vcpus(size: string): number | undefined {
  if (size === "large") return 2;
  const xlarge = /^(\d*)xlarge$/.exec(size);
  return xlarge === null ? undefined : 4 * Number(xlarge[1] === "" ? 1 : xlarge[1]);
}

/** Memory of an instance class in GiB (`db.r7g.large` → 16), or undefined for a family not known here. */
export function instanceMemoryGib(instanceClass: string): number | undefined {
  const [, family = "", size = ""] = instanceClass.split(".");
  if (family.startsWith("t")) return BURSTABLE_GIB[size];
  const perVcpu = GIB_PER_VCPU[family.charAt(0)];
  const count = vcpus(size);
  return perVcpu === undefined || count === undefined ? undefined : perVcpu * count;
}

/**
 * The writer's default max_connections for a capacity (Serverless v2 at its ceiling), or
 * undefined when the instance class is one whose memory this module does not know.
 */
export function defaultMaxConnections(capacity: DatabaseCapacity): number | undefined {
  const gib =
    capacity.mode === "serverless"
      ? capacity.maxAcu * GIB_PER_ACU
      : instanceMemoryGib(capacity.instanceClass);
  return gib === undefined
    ? undefined
    : Math.min(Math.floor((gib * GIB) / BYTES_PER_CONNECTION), MAX_CONNECTIONS_CAP);
}
