// How many candidates one index look-up returns as the corpus grows (docs/architecture.md,
// "Index: bounded look-ups"), for the v2 keys (lambdas/dedup/keys.ts): the `SHINGLE_KEY_COUNT`
// smallest shingles of a document (bottom-k) and its lead key.
//
// Unrelated articles share a bottom-k key only when one of their shingles has the same key value.
// Bottom-k values are not uniform: they are the smallest of a document's m shingle hashes, about
// k * 2^32 / m. So an article of m' shingles holds a given small value v among its shingles with
// probability m' / 2^bits (the key's bits) and has it among its own k smallest with probability
// P(Poisson(m' * v / 2^32) < k). The script draws look-ups (a document's m from the benchmark's
// gold articles when ../shared is present, its bottom-k values as order statistics), computes the
// expected number of other articles in each of its buckets at N articles, draws the count
// (Poisson), caps it at INDEX_MAX_ENTRIES (a full bucket's ids are not candidates) and prints
// candidates and read units per look-up, for 32-bit keys (v2 before) and 64-bit keys (now).
// Real text adds common phrases whose shingle happens to hash low: their buckets fill up and are
// then ignored (they cost a bucket read, 0.5 units, and no candidates); this model has no phrases.
//   node bin/run-ts.js bench/index-simulation.ts [--sizes 1e6,1e8] [--lookups 20000]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDEX_MAX_ENTRIES } from '../lambdas/core/settings.js';
import { LEAD_KEY, SHINGLE_KEY_COUNT, SHINGLE_WIDTH } from '../lambdas/dedup/settings.js';
import { paragraphShingles } from '../lambdas/dedup/shingles.js';

const TRUTH = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), '../shared/bench/article-extraction/ground-truth.json');
/** Read units of one eventually consistent read of an item under 4 KB (a bucket, an article item). */
const EVENTUAL_READ_UNITS = 0.5;
/** Shingles per article when the benchmark data is absent (a 500-word article). */
const FALLBACK_SHINGLES = 500;

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] ?? fallback : fallback;
}

/** xoshiro128** (seeded, uniform 32-bit outputs), as a [0, 1) source. */
function generator(seed: number): () => number {
  const s = Uint32Array.from([seed ^ 0x9e3779b9, 0x243f6a88, 0x85a308d3, 0x13198a2e]);
  const rotl = (value: number, bits: number): number => ((value << bits) | (value >>> (32 - bits))) >>> 0;
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result / 2 ** 32;
  };
  for (let i = 0; i < 16; i += 1) next();
  return next;
}

/** Shingle counts of the benchmark's gold articles (the corpus model), or a fixed fallback. */
function shingleCounts(): number[] {
  if (!existsSync(TRUTH)) return [FALLBACK_SHINGLES];
  const truth = JSON.parse(readFileSync(TRUTH, 'utf8')) as Record<string, { articleBody: string }>;
  return Object.values(truth)
    .map((gold) => new Set(gold.articleBody.split(/\n+/).flatMap((paragraph) => paragraphShingles(paragraph, SHINGLE_WIDTH))).size)
    .filter((m) => m > 0);
}

/** P(Poisson(lambda) < k). */
function poissonBelow(lambda: number, k: number): number {
  let term = Math.exp(-lambda);
  let sum = 0;
  for (let i = 0; i < k; i += 1) {
    sum += term;
    term *= lambda / (i + 1);
  }
  return sum;
}

/** A Poisson draw (inversion; means here are small). */
function poisson(mean: number, random: () => number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random())));
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = random();
  while (u > cdf && k < 10_000) {
    k += 1;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

interface Result {
  readonly mean: number;
  readonly p99: number;
  readonly max: number;
  readonly fullShare: number;
  readonly readUnits: number;
}

function simulate(articles: number, keyBits: number, counts: readonly number[], lookups: number): Result {
  const random = generator(articles ^ keyBits);
  const keyShare = 2 ** -(keyBits - 32);
  const perLookup: number[] = [];
  let full = 0;
  let buckets = 0;
  for (let l = 0; l < lookups; l += 1) {
    const m = counts[Math.floor(random() * counts.length)]!;
    // The k smallest of m uniform values, in units of 2^32: cumulative exponential spacings / m.
    let v = 0;
    let candidates = 0;
    for (let k = 0; k < SHINGLE_KEY_COUNT; k += 1) {
      v += -Math.log(1 - random()) / m;
      // Expected other articles with this value among their bottom-k (averaged over the corpus's m').
      const expected = (articles / counts.length) * counts.reduce((sum, other) => sum + (other / 2 ** 32) * keyShare * poissonBelow(other * v, SHINGLE_KEY_COUNT), 0);
      const listed = poisson(expected, random);
      buckets += 1;
      if (listed >= INDEX_MAX_ENTRIES) full += 1;
      else candidates += listed;
    }
    if (LEAD_KEY) {
      // The lead key: a hash of the opening words, uniform over its bits.
      const listed = poisson(articles * 2 ** -keyBits, random);
      buckets += 1;
      if (listed >= INDEX_MAX_ENTRIES) full += 1;
      else candidates += listed;
    }
    perLookup.push(candidates);
  }
  perLookup.sort((a, b) => a - b);
  const mean = perLookup.reduce((sum, n) => sum + n, 0) / perLookup.length;
  const keysPerLookup = SHINGLE_KEY_COUNT + (LEAD_KEY ? 1 : 0);
  return { mean, p99: perLookup[Math.floor(perLookup.length * 0.99)]!, max: perLookup.at(-1)!, fullShare: full / buckets, readUnits: EVENTUAL_READ_UNITS * (keysPerLookup + mean) };
}

const sizes = argument('--sizes', '1e6,1e8').split(',').map(Number);
const lookups = Number(argument('--lookups', '20000'));
const counts = shingleCounts();
console.log(`index look-ups: ${SHINGLE_KEY_COUNT} bottom-k shingle keys${LEAD_KEY ? ' + the lead key' : ''}, bucket cap ${INDEX_MAX_ENTRIES}, ${lookups} look-ups of unrelated documents, ${counts.length} article sizes (median ${[...counts].sort((a, b) => a - b)[counts.length >> 1]} shingles)\n`);
console.log('| articles | key bits | unrelated candidates per look-up: mean | p99 | max | buckets full | read units per look-up (buckets + candidates) |');
console.log('|---|---|---|---|---|---|---|');
for (const articles of sizes) {
  for (const bits of [32, 64]) {
    const r = simulate(articles, bits, counts, lookups);
    console.log(`| ${articles.toExponential(0)} | ${bits}${bits === 64 ? ' (settings)' : ''} | ${r.mean.toFixed(4)} | ${r.p99} | ${r.max} | ${(100 * r.fullShare).toFixed(2)}% | ${r.readUnits.toFixed(2)} |`);
  }
}
