import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { EnvironmentSource } from "../environment";
import { TIER_THRESHOLDS } from "../tier-thresholds";
import { TYPES } from "./types";

const STORES = new Set<string>([TYPES.cluster, TYPES.instance]);
const INSTANCES = new Set<string>([TYPES.clusterInstance, TYPES.instance]);

export const databaseEncrypted: ResourceValidationPolicy = {
  name: "database-encrypted",
  description: "Database storage, its backups and snapshots are encrypted at rest.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (!STORES.has(args.type) || args.props.storageEncrypted === true) return;
    report(
      `storageEncrypted is ${String(args.props.storageEncrypted)}, so the data, its backups and snapshots are stored unencrypted. Fix: set storageEncrypted: true (an existing database is encrypted by restoring a snapshot into a new, encrypted one).`,
    );
  },
};

export const databaseNotPublic: ResourceValidationPolicy = {
  name: "database-not-public",
  description: "No database instance has an address on the internet.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (!INSTANCES.has(args.type) || args.props.publiclyAccessible === false) return;
    report(
      `publiclyAccessible is ${String(args.props.publiclyAccessible)}: ${args.props.publiclyAccessible === true ? "the instance gets a public address" : "AWS then decides from the subnets whether the instance gets a public address"}. Fix: set publiclyAccessible: false and keep the instance in private subnets.`,
    );
  },
};

/** A database guard that is off, with how to turn it on. */
function unguarded(props: Readonly<Record<string, unknown>>, protect: boolean): string[] {
  const off: string[] = [];
  if (props.deletionProtection !== true) off.push("deletionProtection: true");
  if (!protect) off.push("the Pulumi resource option protect: true");
  if (props.skipFinalSnapshot !== false) off.push("skipFinalSnapshot: false");
  return off;
}

export function databaseDeletionProtection(
  environment: EnvironmentSource,
): ResourceValidationPolicy {
  return {
    name: "database-deletion-protection",
    description:
      "In a tier that guards its data (production), the database cluster refuses deletion and leaves a final snapshot.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
      if (args.type !== TYPES.cluster) return;
      const { tier } = environment();
      if (!TIER_THRESHOLDS[tier].guardDatabase) return;
      const off = unguarded(args.props, args.opts.protect);
      if (off.length === 0) return;
      report(
        `A ${tier} database cluster must refuse deletion, and this one can be deleted without ${off.length === 1 ? "it" : "them"}. Fix: set ${off.join(", ")}.`,
      );
    },
  };
}

export function databaseBackups(environment: EnvironmentSource): ResourceValidationPolicy {
  return {
    name: "database-backups",
    description:
      "Every database keeps automated backups for at least its tier's minimum number of days.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
      if (!STORES.has(args.type)) return;
      const { tier } = environment();
      const minimum = TIER_THRESHOLDS[tier].minBackupRetentionDays;
      const days = args.props.backupRetentionPeriod as unknown;
      if (typeof days === "number" && days >= minimum) return;
      report(
        `backupRetentionPeriod is ${String(days)}, below the ${minimum} day${minimum === 1 ? "" : "s"} a ${tier} stack keeps. Fix: set backupRetentionPeriod to ${minimum} or more (the stack's backupRetentionDays).`,
      );
    },
  };
}

export const databaseReaders: StackValidationPolicy = {
  name: "database-readers",
  description:
    "Every database cluster that has a writer also has a reader, so replica lag shows up in every stack.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const instances = args.resources.filter((r) => r.type === TYPES.clusterInstance);
    for (const cluster of args.resources.filter((r) => r.type === TYPES.cluster)) {
      const id = cluster.props.clusterIdentifier as unknown;
      const count = instances.filter((i) => i.props.clusterIdentifier === id).length;
      if (count !== 1) continue;
      report(
        `Cluster ${String(id)} has a writer and no reader: code that reads right after a write is never tested against a lagging replica. Fix: add a reader instance (the dbReplicas key, 1 or more).`,
        cluster.urn,
      );
    }
  },
};
