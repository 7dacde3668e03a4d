// How many candidates one index look-up returns as the corpus grows (docs/architecture.md, "Index").
// Simulates N articles with uniformly random 64-bit fingerprints (what simhash gives unrelated
// texts) registered under their fingerprint bands, then looks up fresh random fingerprints and
// counts the entries read: uncapped, and with the bucket cap INDEX_MAX_ENTRIES. Paragraph sketch
// keys are full 64-bit values, so between unrelated articles they collide with probability
// N * sketch / 2^64 per key; the script prints that figure too.
//   node bin/run-ts.js bench/index-simulation.ts [--sizes 1e6,1e8] [--lookups 5000]
import { DEDUP_BAND_COUNT, DEDUP_SKETCH_SIZE, INDEX_MAX_ENTRIES, SIMHASH_BITS } from '../lambdas/core/settings.js';

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] ?? fallback : fallback;
}

const sizes = argument('--sizes', '1e6,1e8').split(',').map(Number);
const lookups = Number(argument('--lookups', '5000'));

/**
 * xoshiro128**: fast, seeded, 2^128 period, uniform 32-bit outputs. (A full-period xorshift32
 * never repeats a value within its period, and mulberry32 does not reach every 32-bit value
 * equally; both distort collision counts, which is all this script measures.)
 */
function generator(seed: number): () => number {
  const s = Uint32Array.from([seed ^ 0x9e3779b9, 0x243f6a88, 0x85a308d3, 0x13198a2e]);
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
  for (let i = 0; i < 16; i += 1) next(); // move away from the seed's low-entropy start
  return next;
}

function rotl(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

interface LayoutResult {
  readonly mean: number;
  readonly p99: number;
  readonly max: number;
  readonly meanCapped: number;
  /** Share of the looked-up buckets that reached the cap. */
  readonly fullShare: number;
}

/**
 * Streams `articles` random fingerprints through `bands` bands of `bits` bits and counts, for
 * each of `lookups` random query fingerprints, how many articles share each of its band values.
 * Only the queried buckets are kept in memory, so 10^8 articles and 32-bit bands fit.
 */
function simulate(articles: number, bands: number, bits: number, cap: number): LayoutResult {
  const next = generator(0x9e3779b9 ^ articles ^ bands);
  const mask = bits >= 32 ? 0xffffffff : 2 ** bits - 1;
  const queries = Array.from({ length: lookups }, () => Array.from({ length: bands }, () => (next() & mask) >>> 0));
  const counts = Array.from({ length: bands }, (_, band) => new Map(queries.map((query) => [query[band]!, 0])));
  for (let i = 0; i < articles; i += 1) {
    for (let band = 0; band < bands; band += 1) {
      const bucket = counts[band]!;
      const value = (next() & mask) >>> 0;
      const count = bucket.get(value);
      if (count !== undefined) bucket.set(value, count + 1);
    }
  }
  const seen: number[] = [];
  let capped = 0;
  let full = 0;
  for (const query of queries) {
    let total = 0;
    for (let band = 0; band < bands; band += 1) {
      const count = counts[band]!.get(query[band]!)!;
      total += count;
      capped += Math.min(count, cap);
      if (count >= cap) full += 1;
    }
    seen.push(total);
  }
  seen.sort((a, b) => a - b);
  return {
    mean: seen.reduce((sum, value) => sum + value, 0) / seen.length,
    p99: seen[Math.floor(seen.length * 0.99)]!,
    max: seen.at(-1)!,
    meanCapped: capped / lookups,
    fullShare: full / (lookups * bands),
  };
}

const bandBits = SIMHASH_BITS / DEDUP_BAND_COUNT;
console.log(`index look-ups: settings ${DEDUP_BAND_COUNT} bands of ${bandBits} bits + a sketch of ${DEDUP_SKETCH_SIZE} paragraph fingerprints, bucket cap ${INDEX_MAX_ENTRIES}, ${lookups} random look-ups\n`);
console.log('| articles | band layout | band candidates per look-up: mean | p99 | max | mean with cap | buckets full | sketch collisions per look-up |');
console.log('|---|---|---|---|---|---|---|---|');
for (const articles of sizes) {
  for (const [bands, bits] of [
    [2, 32],
    [4, 16],
  ] as const) {
    const result = simulate(articles, bands, bits, INDEX_MAX_ENTRIES);
    // Unrelated articles share a sketch key only if two different paragraphs collide in 64 bits.
    const sketch = (articles * DEDUP_SKETCH_SIZE * DEDUP_SKETCH_SIZE) / 2 ** 64;
    const label = bands === DEDUP_BAND_COUNT ? ' (settings)' : '';
    console.log(
      `| ${articles.toExponential(0)} | ${bands} x ${bits} bits${label} | ${result.mean.toFixed(4)} | ${result.p99} | ${result.max} | ${result.meanCapped.toFixed(4)} | ${(100 * result.fullShare).toFixed(1)}% | ${sketch.toExponential(1)} |`,
    );
  }
}
