// The passage metric of ../shared/bench/multilingual-extraction/README.md and its corpus loader,
// shared by the benchmark (bench/extract.ts) and the gate test so they cannot drift apart.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** One page of the multilingual set: raw bytes (any charset), its declared language and passages. */
export interface PassagePage {
  readonly id: string;
  readonly bytes: Uint8Array;
  /** Primary subtag of `<html lang>` in the first bytes, lower-cased, or `und` when absent. */
  readonly declaredLanguage: string;
  /** Passages of main content that must appear in the extracted text. */
  readonly with: readonly string[];
  /** Passages of page chrome that must not. */
  readonly without: readonly string[];
}

/** Confusion counts of one page (or a sum of pages). */
export interface PassageCounts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

/** Micro-averaged scores of a set of pages. */
export interface PassageScore extends PassageCounts {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly pages: number;
}

/** The folder, `../shared/bench/multilingual-extraction` beside the project root. */
export const MULTILINGUAL_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/bench/multilingual-extraction');

const HTML_LANG = /<html\b[^>]*?\blang\s*=\s*["']?([a-zA-Z]{2,3})/i;

/**
 * Loads the development set sorted by id; `undefined` when the folder is absent.
 *
 * @example
 * const pages = loadPassagePages();
 * if (pages !== undefined) console.log(pages.length); // 536
 */
export function loadPassagePages(dataDir: string = MULTILINGUAL_DATA_DIR): PassagePage[] | undefined {
  const evalPath = join(dataDir, 'evaldata.json');
  if (!existsSync(evalPath)) return undefined;
  const evaldata = JSON.parse(readFileSync(evalPath, 'utf8')) as Record<string, { with?: string[]; without?: string[] }>;
  const files = readdirSync(join(dataDir, 'html')).filter((name) => name.endsWith('.html.gz')).sort();
  return files.map((file) => {
    const id = file.slice(0, -'.html.gz'.length);
    const bytes = new Uint8Array(gunzipSync(readFileSync(join(dataDir, 'html', file))));
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
    const declaredLanguage = HTML_LANG.exec(head)?.[1]?.toLowerCase() ?? 'und';
    const entry = evaldata[id] ?? {};
    return { id, bytes, declaredLanguage, with: entry.with ?? [], without: entry.without ?? [] };
  });
}

/**
 * SHA-256 of the passages (ids sorted): pins the set a gate floor was measured on.
 *
 * @example
 * getPassageDigest([]).length; // 64
 */
export function getPassageDigest(pages: readonly PassagePage[]): string {
  const hash = createHash('sha256');
  for (const page of pages) hash.update(`${page.id}\n${JSON.stringify(page.with)}\n${JSON.stringify(page.without)}\n`);
  return hash.digest('hex');
}

/** Python's `str.isspace` set (the metric's definition, U+001C-U+001F included), as one character class. */
// eslint-disable-next-line no-control-regex -- the metric counts these separators as whitespace
const PY_SPACE_RUN = /[\t\n\v\f\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

/**
 * The metric's normalisation: every whitespace run becomes one space, then trim.
 *
 * @example
 * normalizePassageText(' a\u00a0\n b '); // 'a b'
 */
export function normalizePassageText(text: string): string {
  return text.replace(PY_SPACE_RUN, ' ').trim();
}

/**
 * Scores one page: `with` passages found are TP, missing FN; `without` passages found are FP.
 * An empty extraction counts every `with` as FN (and every `without` as TN).
 *
 * @example
 * scorePassages({ with: ['a b'], without: ['c'] }, 'x a  b'); // { tp: 1, fn: 0, fp: 0, tn: 1 }
 */
export function scorePassages(page: Pick<PassagePage, 'with' | 'without'>, extracted: string): PassageCounts {
  const text = normalizePassageText(extracted);
  let tp = 0;
  let fp = 0;
  for (const passage of page.with) if (text !== '' && text.includes(normalizePassageText(passage))) tp += 1;
  for (const passage of page.without) if (text !== '' && text.includes(normalizePassageText(passage))) fp += 1;
  return { tp, fn: page.with.length - tp, fp, tn: page.without.length - fp };
}

/**
 * Micro-average over pages: sums the counts, then precision, recall and F1 = 2TP/(2TP+FP+FN).
 *
 * @example
 * scorePassageCorpus([{ tp: 3, fp: 1, fn: 1, tn: 2 }]).f1; // 0.75
 */
export function scorePassageCorpus(counts: readonly PassageCounts[]): PassageScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const c of counts) {
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    tn += c.tn;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = 2 * tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  return { tp, fp, fn, tn, precision, recall, f1, pages: counts.length };
}
