/** What a test saw that a working environment would not show; the report quotes all three. */
export class Failure extends Error {
  constructor(
    summary: string,
    readonly expected: string,
    readonly seen: string,
  ) {
    super(summary);
  }
}
