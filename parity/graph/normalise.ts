import { identityNormaliser, isImageDigest, type Normaliser } from "./identity";
import { referenceTo, resourceKey, type Graph, type GraphResource } from "./model";
import type { RawResource, RawStack } from "./raw";
import { parseUrn, providerUrn } from "./urn";
import { nestingExceeds } from "../json-depth";
import { ownValue } from "../own";
import { ENGINE_INPUT_KEYS } from "../pulumi-values";

const STACK_ROOT = "pulumi:pulumi:Stack";
const PROVIDER_PREFIX = "pulumi:providers:";
/** Default providers are created by the engine, named `default` or `default_<version>`. */
const DEFAULT_PROVIDER = /^default(_[0-9_]+)?$/;
/** How a value the engine does not know yet appears in a preview. */
const UNKNOWN = "[unknown]";
/** Suffix Pulumi's auto-naming appends to a logical name to make a physical name. */
const AUTONAME_SUFFIX = /-[0-9a-f]{7}$/;
/** A physical name made by auto-naming, anywhere in a string: `<logical name>-<7 hex>`. */
const AUTONAME_IN_TEXT = /(?<![A-Za-z0-9-])([A-Za-z][A-Za-z0-9-]*?)-[0-9a-f]{7}(?![0-9a-f])/g;
/** A provider-computed output worth following: has a digit, is id-like, and is not short. */
const MIN_COMPUTED_LENGTH = 12;
/** Provider inputs that carry the stack's identity by design (tags naming the stack). */
const PROVIDER_IDENTITY_INPUTS = new Set(["defaultTags"]);
const STACK_TAGS = "[stack tags]";
/** A string that can be an id or ARN: no spaces, no JSON. */
const ID_LIKE = /^[^\s{}[\]"]+$/;

/** Whether a resource is one of the engine's default providers, by its type and logical name. */
export function isDefaultProvider(type: string, name: string): boolean {
  return type.startsWith(PROVIDER_PREFIX) && DEFAULT_PROVIDER.test(name);
}

function stackIdentity(raw: RawStack): { stack?: string; project?: string } {
  for (const resource of raw.resources) {
    const urn = parseUrn(resource.urn);
    if (urn !== undefined) return { stack: urn.stack, project: urn.project };
  }
  return {};
}

interface Context {
  readonly keyOf: ReadonlyMap<string, string>;
  readonly byPhysical: ReadonlyMap<string, string>;
  readonly text: Normaliser;
}

/**
 * A normaliser that also replaces auto-named physical names of the graph's own resources inside
 * strings (`app-cluster-be407b1-app` → `app-cluster-[auto]-app`).
 */
function withAutonames(text: Normaliser, logicalNames: ReadonlySet<string>): Normaliser {
  return (value) =>
    text(value).replace(AUTONAME_IN_TEXT, (match, logical: string) =>
      logicalNames.has(logical) ? `${logical}-[auto]` : match,
    );
}

/**
 * Outputs the provider computed (not echoed inputs) that other resources may quote verbatim, with
 * their dotted paths; nested ones too (`masterUserSecrets.0.secretArn`).
 */
function computedOutputs(resource: RawResource): [string, string][] {
  const found: [string, string][] = [];
  const visit = (value: unknown, path: string, echoed: unknown) => {
    if (typeof value === "string") {
      if (
        value !== echoed &&
        !isImageDigest(value) &&
        value.length >= MIN_COMPUTED_LENGTH &&
        /[0-9]/.test(value) &&
        ID_LIKE.test(value)
      ) {
        found.push([path, value]);
      }
    } else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        const inner =
          typeof echoed === "object" && echoed !== null ? ownValue(echoed, k) : undefined;
        visit(v, path === "" ? k : `${path}.${k}`, inner);
      }
    }
  };
  visit(resource.outputs, "", resource.inputs);
  return found;
}

/**
 * A JSON document held in a string input (IAM policies, container definitions), parsed; one
 * nested deeper than `MAX_JSON_DEPTH` stays a string and is compared as text.
 */
function embeddedJson(value: string): unknown {
  if (!/^\s*[{[]/.test(value)) return undefined;
  try {
    const document = JSON.parse(value) as unknown;
    return nestingExceeds(document) ? undefined : document;
  } catch {
    return undefined;
  }
}

/** `arn:…:secret:x:password::` → the key of the resource whose ARN is the longest prefix. */
function arnPrefixReference(value: string, ctx: Context, self: string): string | undefined {
  if (!value.startsWith("arn:")) return undefined;
  const parts = value.split(":");
  for (let end = parts.length - 1; end >= 6; end--) {
    const ref = ctx.byPhysical.get(parts.slice(0, end).join(":"));
    if (ref !== undefined && ref !== self)
      return `${referenceTo(ref)}:${parts.slice(end).join(":")}`;
  }
  return undefined;
}

function normaliseValue(value: unknown, ctx: Context, self: string, dependsOn?: string): unknown {
  if (typeof value === "string") {
    const ref = ctx.keyOf.get(value) ?? ctx.byPhysical.get(value);
    if (ref !== undefined && ref !== self) return referenceTo(ref);
    const document = embeddedJson(value);
    if (document !== undefined) return normaliseValue(document, ctx, self);
    const prefixed = arnPrefixReference(value, ctx, self);
    if (prefixed !== undefined) return prefixed;
    if (dependsOn !== undefined && (value === UNKNOWN || ID_LIKE.test(value))) {
      return referenceTo(dependsOn);
    }
    return ctx.text(value);
  }
  if (Array.isArray(value)) return value.map((v) => normaliseValue(v, ctx, self, dependsOn));
  if (typeof value === "object" && value !== null) {
    // fromEntries defines each key, so one named `__proto__` stays a key; assigning would not.
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, normaliseValue(v, ctx, self, dependsOn)]),
    );
  }
  return value;
}

function normaliseInputs(
  resource: RawResource,
  key: string,
  ctx: Context,
): Record<string, unknown> {
  const defaults = new Set(
    Array.isArray(resource.inputs.__defaults) ? (resource.inputs.__defaults as unknown[]) : [],
  );
  const isProvider = resource.type.startsWith(PROVIDER_PREFIX);
  const out: [string, unknown][] = [];
  for (const [name, raw] of Object.entries(resource.inputs)) {
    if (ENGINE_INPUT_KEYS.has(name)) continue;
    if (isProvider && PROVIDER_IDENTITY_INPUTS.has(name)) {
      out.push([name, STACK_TAGS]);
      continue;
    }
    let value = raw;
    if (defaults.has(name) && typeof value === "string" && AUTONAME_SUFFIX.test(value)) {
      value = value.replace(AUTONAME_SUFFIX, "-[auto]");
    }
    const dependencies = ownValue(resource.propertyDependencies, name) as
      readonly string[] | undefined;
    const sources = (dependencies ?? [])
      .map((urn) => ctx.keyOf.get(urn))
      .filter((k): k is string => k !== undefined);
    out.push([
      name,
      normaliseValue(value, ctx, key, sources.length === 1 ? sources[0] : undefined),
    ]);
  }
  return Object.fromEntries(out);
}

/**
 * Turns what a source read into a {@link Graph}: resources keyed by type and logical name, the
 * stack root and the engine's default providers left out (a resource at the top of the stack has
 * no parent), references to other resources of the stack shown as `[ref <key>]`, and the stack's
 * identity (stack and project name, identity values, account ids, regions) as placeholders;
 * `counterpart`, the name of the stack it is compared with, too (see {@link identityNormaliser}).
 */
export function buildGraph(raw: RawStack, counterpart?: string): Graph {
  const { stack, project } = stackIdentity(raw);
  const logicalNames = new Set(raw.resources.map((r) => parseUrn(r.urn)?.name ?? r.urn));
  const text = withAutonames(
    identityNormaliser(stack, project, raw.identity, counterpart),
    logicalNames,
  );
  const keyOf = new Map<string, string>();
  const byPhysical = new Map<string, string>();
  const kept: { resource: RawResource; key: string; type: string; name: string }[] = [];
  const used = new Set<string>();
  for (const resource of raw.resources) {
    const urn = parseUrn(resource.urn);
    const type = urn?.type ?? resource.type;
    const rawName = urn?.name ?? resource.urn;
    if (type === STACK_ROOT || isDefaultProvider(type, rawName)) continue;
    const name = text(rawName);
    let key = resourceKey(type, name);
    if (used.has(key)) key = resourceKey(urn?.qualifiedType ?? type, name);
    used.add(key);
    keyOf.set(resource.urn, key);
    if (
      resource.custom &&
      resource.id !== undefined &&
      resource.id !== "" &&
      resource.id !== UNKNOWN &&
      !isImageDigest(resource.id)
    ) {
      byPhysical.set(resource.id, key);
    }
    for (const [output, value] of computedOutputs(resource)) {
      if (!byPhysical.has(value)) byPhysical.set(value, `${key}.${output}`);
    }
    const arn = resource.outputs.arn;
    if (typeof arn === "string" && arn !== "") byPhysical.set(arn, key);
    kept.push({ resource, key, type, name });
  }
  const ctx: Context = { keyOf, byPhysical, text };
  const resources = new Map<string, GraphResource>();
  for (const { resource, key, type, name } of kept) {
    const provider =
      resource.provider === undefined || resource.provider === ""
        ? undefined
        : keyOf.get(providerUrn(resource.provider));
    const dependencies = [
      ...new Set(resource.dependencies.map((urn) => keyOf.get(urn)).filter((k) => k !== undefined)),
    ].sort();
    resources.set(key, {
      key,
      type,
      name,
      custom: resource.custom,
      parent: resource.parent === undefined ? undefined : keyOf.get(resource.parent),
      provider,
      dependencies,
      inputs: normaliseInputs(resource, key, ctx),
      protect: resource.protect,
      ...(resource.sourcePosition === undefined ? {} : { sourcePosition: resource.sourcePosition }),
    });
  }
  return { name: raw.name, source: raw.source, resources, notes: raw.notes, values: raw.values };
}
