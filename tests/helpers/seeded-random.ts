// A small deterministic random generator (mulberry32), so generated fixtures and benchmark
// inputs are identical on every run and a failure can be replayed from its seed.

/**
 * Returns a generator of floats in [0, 1) determined by `seed`.
 *
 * @example
 * const next = seededRandom(7);
 * next(); // the same value on every run
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
