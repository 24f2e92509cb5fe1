import * as pulumi from "@pulumi/pulumi";

/** One resource registration as the engine would receive it. */
export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** URN of the parent resource, if any. */
  readonly parent: string | undefined;
  /** Provider reference (`<urn>::<id>`) for custom resources with an explicit provider. */
  readonly provider: string | undefined;
  readonly dependencies: readonly string[];
  /** Inputs with secrets replaced by {@link SECRET} and resource references by their URN. */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly ignoreChanges: readonly string[];
  readonly id: string | undefined;
  /** Outputs the (mock) provider returned, secrets masked like the inputs. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** How a secret value appears in recorded inputs and outputs: present, never shown. */
export const SECRET = "[secret]";
const UNKNOWN = "[unknown]";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SIG_SECRET = "1b47061264138c4ac30d75fd1eb44270";
const SIG_RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e";
const SIG_ASSET = "c44067f5952c0a294b673a41bacd8c17";
const SIG_ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7";
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Turns the wire form of property values into plain JSON with secrets masked. */
export function plainValue(value: unknown): unknown {
  if (value === UNKNOWN_VALUE) return UNKNOWN;
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  switch (record[SIG_KEY]) {
    case SIG_SECRET:
      return SECRET;
    case SIG_RESOURCE:
      return record.urn;
    case SIG_ASSET:
    case SIG_ARCHIVE:
      return {
        asset: record.path ?? record.uri ?? (record.text === undefined ? "archive" : "text"),
      };
    default:
      return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plainValue(v)]));
  }
}

interface StructLike {
  toJavaScript(): Record<string, unknown>;
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): StructLike | undefined;
  getProtect(): boolean | undefined;
  getDependenciesList(): string[];
  getProvider(): string;
  getRetainondelete(): boolean | undefined;
  getIgnorechangesList(): string[];
}
interface RegisterResponse {
  getUrn(): string;
  getId(): string;
  getObject(): StructLike | undefined;
}
type Callback = (err: Error | null, res: RegisterResponse | undefined) => void;
interface Monitor {
  registerResource(req: RegisterRequest, callback: Callback): unknown;
}

/**
 * Records every resource registration the program makes, and every failure, by wrapping the
 * monitor that `pulumi.runtime.setMocks` installed. Call right after `setMocks`.
 */
export function recordRegistrations(): { resources: RecordedResource[]; errors: Error[] } {
  const monitor = pulumi.runtime.getMonitor() as unknown as Monitor | undefined;
  if (monitor === undefined) throw new Error("recordRegistrations() needs setMocks() first");
  const resources: RecordedResource[] = [];
  const errors: Error[] = [];
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (err, res) => {
      if (err !== null || res === undefined) {
        errors.push(err ?? new Error(`registering ${req.getType()} "${req.getName()}" failed`));
      } else {
        resources.push({
          urn: res.getUrn(),
          type: req.getType(),
          name: req.getName(),
          custom: req.getCustom(),
          parent: req.getParent() || undefined,
          provider: req.getProvider() || undefined,
          dependencies: req.getDependenciesList(),
          inputs: plainValue(req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
          protect: req.getProtect() === true,
          retainOnDelete: req.getRetainondelete() === true,
          ignoreChanges: req.getIgnorechangesList(),
          id: res.getId() || undefined,
          outputs: plainValue(res.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
        });
      }
      callback(err, res);
    });
  return { resources, errors };
}
