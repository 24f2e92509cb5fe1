import type { MockResourceContext, MockResourceType } from "./types";

type Context = Omit<MockResourceContext, "id">;

function given(ctx: Context, input: string): string {
  const value = ctx.inputs[input];
  return typeof value === "string" ? value : `${ctx.name}-${ctx.hex(7)}`;
}

/**
 * What the bootstrap registers (bootstrap/): state buckets (named by their `bucket`, with S3's
 * global ARN), secrets keys and their aliases, IAM policies (global ARN, which roles name as their
 * permissions boundary) and GitHub's OIDC provider.
 */
export const DELIVERY_RESOURCES: Record<string, MockResourceType> = {
  "aws:s3/bucket:Bucket": {
    id: (ctx) => given(ctx, "bucket"),
    state: (ctx) => ({
      bucket: ctx.id,
      arn: `arn:aws:s3:::${ctx.id}`,
      bucketDomainName: `${ctx.id}.s3.amazonaws.com`,
      region: ctx.region,
    }),
  },
  "aws:kms/key:Key": {
    id: (ctx) => {
      const h = ctx.hex(32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
    },
    state: (ctx) => ({ keyId: ctx.id, arn: ctx.arn("kms", `key/${ctx.id}`) }),
  },
  "aws:kms/alias:Alias": {
    id: (ctx) => given(ctx, "name"),
    state: (ctx) => ({ name: ctx.id, arn: ctx.arn("kms", ctx.id) }),
  },
  "aws:iam/policy:Policy": {
    id: (ctx) => `arn:aws:iam::${ctx.accountId}:policy/${given(ctx, "name")}`,
    state: (ctx) => ({
      name: given(ctx, "name"),
      arn: ctx.id,
      policyId: `ANPA${ctx.hex(17).toUpperCase()}`,
    }),
  },
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
    id: (ctx) =>
      `arn:aws:iam::${ctx.accountId}:oidc-provider/${given(ctx, "url").replace(/^https:\/\//, "")}`,
    state: (ctx) => ({ arn: ctx.id }),
  },
};
