import type { EnforcementLevel, Policies } from "@pulumi/policy";
import type { EnvironmentSource } from "./environment";
import {
  databaseBackups,
  databaseDeletionProtection,
  databaseEncrypted,
  databaseNotPublic,
  databaseReaders,
} from "./policies/database";
import { dnsRecordsProxied, edgeMinTlsVersion, edgeStrictTls } from "./policies/edge";
import { logGroupRetention } from "./policies/logs";
import { ingressFromCloudflareOnly, noDatabasePortFromInternet } from "./policies/network";
import { stackTagged } from "./policies/tags";

/** The pack's name, as `pulumi preview` prints it next to each violation. */
export const PACK_NAME = "parity-stack";
/** The level of a policy that sets none (each of ours sets its own). */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "mandatory";

/**
 * Every policy of the pack, reading the checked stack's environment (tier, names, database port)
 * from `environment`: the one list `pulumi preview --policy-pack` and `parity plan` run.
 */
export function parityPolicies(environment: EnvironmentSource): Policies {
  return [
    databaseEncrypted,
    databaseNotPublic,
    databaseDeletionProtection(environment),
    databaseBackups(environment),
    databaseReaders,
    noDatabasePortFromInternet(environment),
    ingressFromCloudflareOnly,
    dnsRecordsProxied,
    edgeStrictTls,
    edgeMinTlsVersion,
    logGroupRetention(environment),
    stackTagged(environment),
  ];
}
