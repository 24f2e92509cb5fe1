import type * as pulumi from "@pulumi/pulumi";
import { plainValue } from "../pulumi-values";

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
  /** Inputs with secrets replaced by `[secret]` (see parity/pulumi-values.ts) and resource references by their URN. */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly ignoreChanges: readonly string[];
  /** The `import` option: the id of an existing resource the engine adopts instead of creating. */
  readonly importId: string | undefined;
  readonly id: string | undefined;
  /** Outputs the (mock) provider returned, secrets masked like the inputs. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /**
   * Where the program constructed the resource, as the SDK reports it to the engine (`file://`
   * URI of the JavaScript Node ran, 1-based line and column), when it could tell.
   */
  readonly sourcePosition?: SourcePosition | undefined;
}

/** A place in a source file, as the engine protocol carries it. */
export interface SourcePosition {
  readonly uri: string;
  readonly line: number;
  readonly column: number;
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
  getImportid(): string;
  getSourceposition?(): { getUri(): string; getLine(): number; getColumn(): number } | undefined;
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

function sourcePositionOf(req: RegisterRequest): SourcePosition | undefined {
  const position = req.getSourceposition?.();
  if (position === undefined || position.getUri() === "") return undefined;
  return { uri: position.getUri(), line: position.getLine(), column: position.getColumn() };
}

/**
 * Records every resource registration the program makes, and every failure, by wrapping the
 * monitor that `runtime.setMocks` installed. Call right after `setMocks`, with the same `runtime`.
 */
export function recordRegistrations(runtime: typeof pulumi.runtime): {
  resources: RecordedResource[];
  errors: Error[];
} {
  const monitor = runtime.getMonitor() as unknown as Monitor | undefined;
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
          importId: req.getImportid() || undefined,
          id: res.getId() || undefined,
          outputs: plainValue(res.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
          sourcePosition: sourcePositionOf(req),
        });
      }
      callback(err, res);
    });
  return { resources, errors };
}
