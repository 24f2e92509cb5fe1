/** A deterministic source of test cases: the same seed gives the same sequence on every run. */
export interface SeededRandom {
  /** A number in [0, 1). */
  readonly random: () => number;
  /** A whole number in [0, n). */
  readonly below: (n: number) => number;
  /** One of `items`, which must not be empty. */
  readonly pick: <T>(items: readonly T[]) => T;
}

/** mulberry32, a small 32-bit generator: enough for choosing fuzz cases, not for secrets. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const below = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[below(items.length)] as T;
  return { random, below, pick };
}
