import { createHash } from "node:crypto";
import type { MockResourceContext, MockResourceType } from "./types";

/**
 * RDS endpoints share one suffix per account and region:
 * `<id>.cluster-<suffix>.<region>.rds.amazonaws.com`.
 */
function endpointSuffix(ctx: MockResourceContext): string {
  return createHash("sha256").update(`${ctx.accountId}\0${ctx.region}`).digest("hex").slice(0, 12);
}

function uuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** RDS resource ids (`cluster-…`, `db-…`): 26 upper-case letters and digits. */
function resourceId(ctx: MockResourceContext): string {
  return ctx.hex(26).toUpperCase();
}

/** A master user secret: `rds!cluster-<uuid>-<6 chars>`, encrypted with a KMS key. */
function masterUserSecret(ctx: MockResourceContext): Record<string, string> {
  const hex = ctx.hex(96).slice(26);
  return {
    secretArn: ctx.arn("secretsmanager", `secret:rds!cluster-${uuid(hex)}-${hex.slice(32, 38)}`),
    secretStatus: "active",
    kmsKeyId: ctx.arn("kms", `key/${uuid(hex.slice(38))}`),
  };
}

/** The user-given identifier, or what Pulumi's auto-naming would make of the logical name. */
function identifier(
  ctx: Omit<MockResourceContext, "id">,
  key: "clusterIdentifier" | "identifier" | "name",
): string {
  const given = ctx.inputs[key];
  return typeof given === "string" ? given : `${ctx.name}-${ctx.hex(7)}`;
}

/** Aurora: what the Database component registers. */
export const RDS_RESOURCES: Record<string, MockResourceType> = {
  "aws:rds/cluster:Cluster": {
    id: (ctx) => identifier(ctx, "clusterIdentifier"),
    state: (ctx) => {
      const host = `${ctx.id}.cluster-${endpointSuffix(ctx)}.${ctx.region}.rds.amazonaws.com`;
      const managed = ctx.inputs.manageMasterUserPassword === true;
      return {
        clusterIdentifier: ctx.id,
        arn: ctx.arn("rds", `cluster:${ctx.id}`),
        endpoint: host,
        readerEndpoint: host.replace(".cluster-", ".cluster-ro-"),
        clusterResourceId: `cluster-${resourceId(ctx)}`,
        port: ctx.inputs.port ?? 5432,
        masterUsername: ctx.inputs.masterUsername ?? "postgres",
        engineVersionActual: ctx.inputs.engineVersion,
        masterUserSecrets: managed ? [masterUserSecret(ctx)] : [],
      };
    },
  },
  "aws:rds/clusterInstance:ClusterInstance": {
    id: (ctx) => identifier(ctx, "identifier"),
    state: (ctx) => ({
      identifier: ctx.id,
      arn: ctx.arn("rds", `db:${ctx.id}`),
      endpoint: `${ctx.id}.${endpointSuffix(ctx)}.${ctx.region}.rds.amazonaws.com`,
      port: 5432,
      dbiResourceId: `db-${resourceId(ctx)}`,
      engineVersionActual: ctx.inputs.engineVersion,
      storageEncrypted: true,
    }),
  },
  "aws:rds/subnetGroup:SubnetGroup": {
    id: (ctx) => identifier(ctx, "name"),
    state: (ctx) => ({ name: ctx.id, arn: ctx.arn("rds", `subgrp:${ctx.id}`) }),
  },
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": {
    id: (ctx) => identifier(ctx, "name"),
    state: (ctx) => ({ name: ctx.id, arn: ctx.arn("rds", `cluster-pg:${ctx.id}`) }),
  },
};
