import type { StackValues } from "../../stacks/keys";
import type { SourcePosition } from "../offline/recorder";

/**
 * One resource as a source read it, before normalisation: URNs, physical ids and the stack's own
 * names still in place. Property values are plain JSON with secrets already shown as "[secret]".
 */
export interface RawResource {
  readonly urn: string;
  readonly type: string;
  readonly custom: boolean;
  readonly id: string | undefined;
  /** URN of the parent. */
  readonly parent: string | undefined;
  /** Provider reference, `<provider urn>::<provider id>`. */
  readonly provider: string | undefined;
  /** URNs this resource depends on. */
  readonly dependencies: readonly string[];
  /** For each top-level input property, the URNs its value came from (when the source has it). */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly protect: boolean;
  /** Where the program constructed it, when the source knows (an offline evaluation does). */
  readonly sourcePosition?: SourcePosition;
}

/** Everything a source read from one stack or file. */
export interface RawStack {
  /** How the stack is called in reports: its stack name, or the file it came from. */
  readonly name: string;
  /** What kind of source it was, e.g. "offline evaluation" or "pulumi stack export (v3)". */
  readonly source: string;
  readonly resources: readonly RawResource[];
  /** Things the reader of the report should know about the source (e.g. a partial preview). */
  readonly notes: readonly string[];
  /** The stack's declared config values, when known: lets declared knobs explain differences. */
  readonly values?: Readonly<StackValues>;
  /** Stack-specific strings (placeholder → value) replaced by their placeholder everywhere. */
  readonly identity?: Readonly<Record<string, string>>;
}
