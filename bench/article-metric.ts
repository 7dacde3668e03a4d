// The article-extraction metric of ../shared/bench/article-extraction/README.md and its corpus
// loader, shared by the benchmark (bench/extract.ts) and the F1 gate test so they cannot drift apart.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { sniffCharset } from '../lambdas/core/charset.js';

/** One benchmark page: its id, decoded HTML and gold article body. */
export interface BenchPage {
  readonly id: string;
  readonly html: string;
  readonly truth: string;
}

/** The benchmark folder, `../shared/bench/article-extraction` beside the project root. */
export const BENCH_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/bench/article-extraction');

/**
 * Loads the benchmark pages sorted by id (gunzip, then decode with the page's declared charset,
 * UTF-8 by default); `undefined` when the folder is absent.
 *
 * @example
 * const pages = loadBenchPages();
 * if (pages !== undefined) console.log(pages.length); // 181
 */
export function loadBenchPages(dataDir: string = BENCH_DATA_DIR): BenchPage[] | undefined {
  const truthPath = join(dataDir, 'ground-truth.json');
  if (!existsSync(truthPath)) return undefined;
  const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<string, { articleBody: string }>;
  const files = readdirSync(join(dataDir, 'html')).filter((name) => name.endsWith('.html.gz')).sort();
  return files.map((file) => {
    const id = file.slice(0, -'.html.gz'.length);
    const bytes = gunzipSync(readFileSync(join(dataDir, 'html', file)));
    const html = new TextDecoder(sniffCharset(bytes) ?? 'utf-8').decode(bytes);
    return { id, html, truth: truth[id]?.articleBody ?? '' };
  });
}

/**
 * SHA-256 of the gold bodies (ids sorted): pins the corpus a gate floor was measured on.
 *
 * @example
 * getCorpusDigest([{ id: 'a', html: '', truth: 'x' }]).length; // 64
 */
export function getCorpusDigest(pages: readonly BenchPage[]): string {
  const hash = createHash('sha256');
  for (const page of pages) hash.update(`${page.id}\n${page.truth}\n`);
  return hash.digest('hex');
}

/** Shingle counts of one text: 4-token shingles as a multiset. */
export type ShingleCounts = Map<string, number>;

/** Per-page confusion counts, before normalisation. */
export interface PageScore {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/** Mean precision, mean recall and the F1 of those two means, over a set of pages. */
export interface CorpusScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly pages: number;
}

/** Words per shingle, fixed by the benchmark definition (not a tunable: changing it breaks comparability). */
const SHINGLE_TOKENS = 4;

/** Python's Unicode `\w`: letters, digits (all scripts) and the underscore, compiled once. */
const WORD_RUN = /[\p{L}\p{N}_]+/gu;

/**
 * Tokenises as the benchmark does (maximal runs of word characters) and counts 4-token shingles.
 *
 * @example
 * shingleCounts('a b c d e').size; // 2: "a b c d" and "b c d e"
 */
export function shingleCounts(text: string): ShingleCounts {
  const tokens = text.match(WORD_RUN) ?? [];
  const counts: ShingleCounts = new Map();
  if (tokens.length === 0) return counts;
  // A text shorter than one shingle counts as a single shingle of all its tokens.
  const last = Math.max(tokens.length - SHINGLE_TOKENS, 0);
  const width = Math.min(SHINGLE_TOKENS, tokens.length);
  for (let i = 0; i <= last; i++) {
    const key = tokens.slice(i, i + width).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Scores one page: true positives, false positives and false negatives over shingles.
 *
 * @example
 * scorePage('the cat sat on the mat', 'the cat sat on the mat'); // { tp: 3, fp: 0, fn: 0 }
 */
export function scorePage(expected: string, predicted: string): PageScore {
  const truth = shingleCounts(expected);
  const pred = shingleCounts(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, p] of pred) {
    const t = truth.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
  }
  for (const [key, t] of truth) {
    fn += Math.max(0, t - (pred.get(key) ?? 0));
  }
  return { tp, fp, fn };
}

/**
 * Aggregates page scores as the benchmark does: precision and recall are means over pages
 * (a page with FP = FN = 0 scores 1), F1 is the harmonic mean of those two means.
 *
 * @example
 * scoreCorpus([{ tp: 3, fp: 1, fn: 0 }]); // { precision: 0.75, recall: 1, f1: 0.857…, pages: 1 }
 */
export function scoreCorpus(scores: readonly PageScore[]): CorpusScore {
  let precisionSum = 0;
  let precisionPages = 0;
  let recallSum = 0;
  let recallPages = 0;
  for (const { tp, fp, fn } of scores) {
    // The README normalises by TP+FP+FN first; the ratios below are unchanged by that.
    if (tp + fp > 0) {
      precisionSum += fp === 0 && fn === 0 ? 1 : tp / (tp + fp);
      precisionPages += 1;
    }
    if (tp + fn > 0) {
      recallSum += fp === 0 && fn === 0 ? 1 : tp / (tp + fn);
      recallPages += 1;
    }
  }
  const precision = precisionPages === 0 ? 0 : precisionSum / precisionPages;
  const recall = recallPages === 0 ? 0 : recallSum / recallPages;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, pages: scores.length };
}
