import type { StackValues } from "../../stacks/keys";
import type { SourcePosition } from "../offline/recorder";

/** One resource of a normalised graph: everything stack-specific replaced by placeholders. */
export interface GraphResource {
  /** `<type>::<logical name>`, the same in every stack that creates this resource. */
  readonly key: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** Key of the parent; undefined for resources at the top of the stack. */
  readonly parent: string | undefined;
  /** Key of the explicit provider; undefined when the engine's default provider is used. */
  readonly provider: string | undefined;
  /** Keys of the resources this one depends on, sorted. */
  readonly dependencies: readonly string[];
  /**
   * Inputs with ids, ARNs and URNs of other resources shown as `[ref <key>]`, identity strings as
   * `{placeholder}` and secrets as "[secret]".
   */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly protect: boolean;
  /** Where the program constructed it, when known; never compared. */
  readonly sourcePosition?: SourcePosition;
}

/** A stack's resources keyed by type and logical name, ready to compare with another stack's. */
export interface Graph {
  readonly name: string;
  readonly source: string;
  readonly resources: ReadonlyMap<string, GraphResource>;
  readonly notes: readonly string[];
  /** The stack's declared config values, when known (offline evaluation, committed stacks). */
  readonly values: Readonly<StackValues> | undefined;
}

/** The key of a resource in every graph: its type and logical name. */
export function resourceKey(type: string, name: string): string {
  return `${type}::${name}`;
}

/** How a reference to another resource of the same graph appears in normalised inputs. */
export function referenceTo(key: string): string {
  return `[ref ${key}]`;
}
