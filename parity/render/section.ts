/**
 * One part of `parity plan`'s report as the renderers lay it out: a verdict line people read
 * first, the findings (each a sentence with its fix) printed last next to the overall verdict, and
 * the details behind them (text for `--details`, markdown folded in `<details>`).
 */
export interface PlanSection {
  /** What the section proves, as a table row names it: "Bring-up and teardown". */
  readonly title: string;
  readonly ok: boolean;
  /** One line: the result in numbers. */
  readonly summary: string;
  /** Each problem, as a sentence naming where it is and the fix. */
  readonly findings: readonly string[];
  /** Warnings that do not fail the plan (a version near its end of support). */
  readonly warnings: readonly string[];
  readonly text: () => readonly string[];
  readonly markdown: () => readonly string[];
}
