import type { BootstrapReport } from "../bootstrap/report";
import type { BringUpReport } from "../bringup/report";
import type { CapacityReport } from "../capacity/report";
import type { Explained, Finding } from "../diff/finding";
import type { PolicyReport } from "../policy/report";
import type { VersionReport } from "../versions/report";

export type Verdict = "pass" | "fail";

/** One resource as reports list it. */
export interface ReportResource {
  readonly key: string;
  readonly type: string;
  readonly name: string;
  /** Key of the parent, null at the top of the stack. */
  readonly parent: string | null;
  readonly custom: boolean;
  readonly protect: boolean;
  readonly dependencies: readonly string[];
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** One stack (or file) that took part in the check. */
export interface StackReport {
  readonly source: string;
  readonly resources: readonly ReportResource[];
}

/** The comparison of two stacks. */
export interface PairReport {
  readonly a: string;
  readonly b: string;
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  readonly explained: readonly Explained[];
}

/** A finding with the two stacks it was found between (its `a` and `b` values are theirs). */
export interface ReportFinding extends Finding {
  readonly stacks: readonly [string, string];
  /** `file:line` of the program where the resource is registered, when it could be found. */
  readonly where?: string;
}

/** Everything a parity check decided: rendered as text, markdown or JSON. */
export interface ParityReport {
  readonly verdict: Verdict;
  readonly stacks: Readonly<Record<string, StackReport>>;
  readonly pairs: readonly PairReport[];
  /** Every unexplained difference of every pair. */
  readonly findings: readonly ReportFinding[];
  /** What the reader should know about the inputs (e.g. a preview without unchanged resources). */
  readonly notes: readonly string[];
  /** `parity plan` only: what each stack costs and whether they fit the account's quotas. */
  readonly capacity?: CapacityReport;
  /** `parity plan` only: each stack brought up from nothing and torn down, offline. */
  readonly bringUp?: BringUpReport;
  /** `parity plan` only: the versions the project pins against their support calendars. */
  readonly versions?: VersionReport;
  /** `parity plan` only: the policy pack run on every evaluated stack. */
  readonly policies?: PolicyReport;
  /** `parity plan` only: the bootstrap project evaluated offline, and its rules. */
  readonly bootstrap?: BootstrapReport;
}
