/** The parts of a Pulumi URN: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`. */
export interface ParsedUrn {
  readonly stack: string;
  readonly project: string;
  /** The type chain of the resource's parents and its own type, joined with `$`. */
  readonly qualifiedType: string;
  readonly type: string;
  readonly name: string;
}

const PREFIX = "urn:pulumi:";

/** Splits a URN into its parts, or returns undefined when `urn` is not a Pulumi URN. */
export function parseUrn(urn: string): ParsedUrn | undefined {
  if (!urn.startsWith(PREFIX)) return undefined;
  const [stack, project, qualifiedType, ...name] = urn.slice(PREFIX.length).split("::");
  if (stack === undefined || project === undefined || qualifiedType === undefined) return undefined;
  if (name.length === 0) return undefined;
  const type = qualifiedType.split("$").pop() ?? qualifiedType;
  return { stack, project, qualifiedType, type, name: name.join("::") };
}

/**
 * The URN a provider reference (`<provider urn>::<provider id>`) points at. Provider URNs have
 * exactly four `::`-separated parts, so anything after the fourth is the id.
 */
export function providerUrn(reference: string): string {
  const parts = reference.split("::");
  return parts.length > 4 ? parts.slice(0, 4).join("::") : reference;
}
