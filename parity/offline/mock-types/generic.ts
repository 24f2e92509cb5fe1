import type { MockResourceType } from "./types";

/** `aws:sqs/queue:Queue` → package `aws`, service `sqs`, kind `queue`. */
function tokenParts(type: string): { pkg: string; service: string; kind: string } {
  const [pkg = "", module = "", name = ""] = type.split(":");
  return {
    pkg,
    service: module.split("/")[0] ?? module,
    kind: name.charAt(0).toLowerCase() + name.slice(1),
  };
}

function physicalName(ctx: {
  name: string;
  inputs: Record<string, unknown>;
  hex: (n: number) => string;
}): string {
  const given = ctx.inputs.name;
  return typeof given === "string" ? given : `${ctx.name}-${ctx.hex(7)}`;
}

/**
 * Any resource type of any provider, derived from its type token and the stack: the inputs come
 * back as outputs, plus the physical `name` Pulumi's auto-naming gives (logical name and 7 hex
 * digits) unless one was given; AWS resources are named by it and get an ARN of their service,
 * others a 32-hex id. Hand-written types (see ./index.ts) exist only where another resource reads
 * an output this cannot derive.
 */
export const GENERIC_RESOURCE: MockResourceType = {
  id: (ctx) => (tokenParts(ctx.type).pkg === "aws" ? physicalName(ctx) : ctx.hex(32)),
  state: (ctx) => {
    const name = physicalName(ctx);
    const { pkg, service, kind } = tokenParts(ctx.type);
    return pkg === "aws" ? { name, arn: ctx.arn(service, `${kind}/${name}`) } : { name };
  },
};
