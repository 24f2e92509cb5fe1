import * as pulumi from "@pulumi/pulumi";
import { purgeHostnames } from "./purge-client";

export interface CachePurgeArgs {
  /** Cloudflare zone that serves the hostnames. */
  zoneId: pulumi.Input<string>;
  /** Hostnames whose cached files are purged. */
  hostnames: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Identifies the release being served (an image digest, a commit). The purge runs when the
   * resource is created and again whenever this changes.
   */
  releaseId: pulumi.Input<string>;
  /**
   * Cloudflare API token with the Zone / Cache Purge permission. Stored as a secret.
   * @default the CLOUDFLARE_API_TOKEN environment variable when the purge runs
   */
  apiToken?: pulumi.Input<string>;
}

/** The inputs as the provider receives them: resolved, secrets unwrapped. */
interface PurgeInputs {
  readonly zoneId: string;
  readonly hostnames: string[];
  readonly releaseId: string;
  readonly apiToken?: string;
}

/** What the state keeps about the last purge. The token is never part of it. */
interface PurgeOutputs {
  readonly zoneId: string;
  readonly hostnames: string[];
  readonly releaseId: string;
  readonly purgedAt: string;
}

async function purge(inputs: PurgeInputs): Promise<{ id: string | undefined; outs: PurgeOutputs }> {
  const result = await purgeHostnames(
    { zoneId: inputs.zoneId, hostnames: inputs.hostnames, apiToken: inputs.apiToken },
    { fail: (message) => new Error(message) },
  );
  return {
    id: result.id,
    outs: {
      zoneId: inputs.zoneId,
      hostnames: inputs.hostnames,
      releaseId: inputs.releaseId,
      purgedAt: new Date().toISOString(),
    },
  };
}

/** The properties whose change means a new purge; the token is not one of them. */
export function changedPurgeProperties(olds: PurgeOutputs, news: PurgeInputs): string[] {
  const changed: string[] = [];
  if (olds.zoneId !== news.zoneId) changed.push("zoneId");
  if (olds.releaseId !== news.releaseId) changed.push("releaseId");
  if (olds.hostnames.join("\n") !== news.hostnames.join("\n")) changed.push("hostnames");
  return changed;
}

/** Type token of the purge: `pulumi-nodejs:dynamic/parity:CachePurge`. */
export const CACHE_PURGE_MODULE = "parity";
export const CACHE_PURGE_TYPE = "CachePurge";
/** The type token of a dynamic resource that names no module and type of its own. */
const UNTYPED_DYNAMIC_RESOURCE = "pulumi-nodejs:dynamic:Resource";

/**
 * Pulumi serializes these functions into the state and runs them in the dynamic-provider host,
 * so they capture only the purge client, and fail with plain `Error`s (see `fail`).
 */
const cachePurgeProvider: pulumi.dynamic.ResourceProvider<PurgeInputs, PurgeOutputs> = {
  async create(inputs) {
    const { id, outs } = await purge(inputs);
    return { id: id ?? `${inputs.zoneId}/${inputs.releaseId}`, outs };
  },
  diff(_id, olds, news) {
    const changed = changedPurgeProperties(olds, news);
    return Promise.resolve({
      changes: changed.length > 0,
      replaces: [],
      deleteBeforeReplace: false,
    });
  },
  async update(_id, _olds, news) {
    const { outs } = await purge(news);
    return { outs };
  },
};

/**
 * Purges the given hostnames from Cloudflare's cache when created and whenever `releaseId`,
 * the hostnames or the zone change, so a release is served fresh from the edge the moment it is
 * live. Deleting it purges nothing. Requests time out, are retried on 429/5xx with backoff, and a
 * refusal (bad token, unknown zone) fails the deployment with Cloudflare's message.
 */
export class CachePurge extends pulumi.dynamic.Resource {
  declare readonly zoneId: pulumi.Output<string>;
  declare readonly hostnames: pulumi.Output<string[]>;
  declare readonly releaseId: pulumi.Output<string>;
  /** When the last purge completed (ISO 8601). */
  declare readonly purgedAt: pulumi.Output<string>;

  constructor(name: string, args: CachePurgeArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      cachePurgeProvider,
      name,
      {
        zoneId: args.zoneId,
        hostnames: args.hostnames,
        releaseId: args.releaseId,
        apiToken: args.apiToken === undefined ? undefined : pulumi.secret(args.apiToken),
        purgedAt: undefined,
      },
      // Stacks created before the purge had a type token of its own registered it as a plain
      // dynamic resource: the alias keeps that one instead of replacing it.
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: UNTYPED_DYNAMIC_RESOURCE }] },
      CACHE_PURGE_MODULE,
      CACHE_PURGE_TYPE,
    );
  }
}
