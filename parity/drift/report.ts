/** What the drift review found, per input file and in total. Renderers only read this. */

/** How a property differs, in Pulumi's `detailedDiff` vocabulary (`add`, `update`, `delete-replace`, …). */
export type DiffKind = string;

/** The kind of change Pulumi plans or reports for one resource. */
export type ChangeOp = "update" | "replace" | "delete" | "create";

/** One property path that differs. Values are masked: secrets read `[secret]`; absent is `undefined`. */
export interface PropertyChange {
  /** Pulumi property path, e.g. `tags.Name` or `ingress[0].cidrBlocks`. */
  readonly path: string;
  readonly kind: DiffKind;
  /** The value Pulumi's state records (for a preview: the current value). */
  readonly old: unknown;
  /** The value found in the cloud (for a preview: the value the program wants). */
  readonly new: unknown;
}

export interface ResourceChange {
  readonly urn: string;
  readonly type: string;
  /** The logical name: the last segment of the URN. */
  readonly name: string;
  /** The provider id, when known. */
  readonly id: string | undefined;
  readonly op: ChangeOp;
  /** The property paths that differ and are not ignored; empty for deletes and creates. */
  readonly changes: readonly PropertyChange[];
}

/** A property change that an ignore rule suppressed. */
export interface IgnoredChange {
  readonly urn: string;
  readonly path: string;
  readonly reason: string;
}

export type SourceFormat = "preview-json" | "event-log";

/** The review of one input file. */
export interface SourceReview {
  readonly file: string;
  /** The stack the file's resources belong to (from their URNs), when it names any. */
  readonly stack: string | undefined;
  readonly format: SourceFormat;
  /** True when the file is a refresh (`pulumi refresh --preview-only`): changes are drift. */
  readonly refresh: boolean;
  /** Things the reader should know, e.g. that a file is a preview and not a refresh. */
  readonly notes: readonly string[];
  /** Resources whose properties differ (update or replace). */
  readonly changed: readonly ResourceChange[];
  /** Resources gone from the cloud (refresh) or that the program would delete (preview). */
  readonly deleted: readonly ResourceChange[];
  /** Resources the program would create (previews only; a refresh never creates). */
  readonly created: readonly ResourceChange[];
  readonly ignored: readonly IgnoredChange[];
  /** Resources found unchanged. */
  readonly unchanged: number;
  /** The engine's own count of steps by op (`changeSummary` or the summary event), when present. */
  readonly engineSummary: Readonly<Record<string, number>> | undefined;
}

export interface DriftSummary {
  readonly changed: number;
  readonly deleted: number;
  readonly created: number;
  readonly ignored: number;
  readonly unchanged: number;
}

/** When the review ran, and the CI run whose log has the refresh behind it. */
export interface ReviewRun {
  /** The run's page, e.g. `https://github.com/acme/app/actions/runs/42`. */
  readonly url: string | undefined;
  /** ISO 8601. */
  readonly at: string;
}

export interface DriftReport {
  readonly sources: readonly SourceReview[];
  /** Absent when the report was not made by a command run (a pure review in a test). */
  readonly run?: ReviewRun;
  readonly summary: DriftSummary;
  /** True when any source has a change that is not ignored. */
  readonly drift: boolean;
}
