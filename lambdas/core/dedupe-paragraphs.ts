// Collapses paragraphs repeated within one document: exact (after normalisation), near (simhash) and truncated copies.
import { REMOVAL_REASONS } from './classify.js';
import type { CleanOptions } from './settings.js';
import { resolveCleanOptions } from './settings.js';
import type { TextSignature } from './simhash.js';
import { getTextSignatures, hammingDistanceHalves } from './simhash.js';
import type { RemovedParagraph } from './types.js';

/** Kept paragraphs (first occurrences, in order) with their signatures, and the removed copies. */
export interface DedupedParagraphs {
  readonly kept: string[];
  /** Signature of each kept paragraph, same order: fingerprints and word hashes for the document fingerprint. */
  readonly signatures: TextSignature[];
  readonly removed: RemovedParagraph[];
}

/** Closing quotes and brackets that may follow an ellipsis (the class of `CHROME_PATTERNS.ellipsisEnd`). */
const CLOSING_AFTER_ELLIPSIS: ReadonlySet<number> = new Set([...'"\'”’»)]'].map((char) => char.charCodeAt(0)));

/**
 * `CHROME_PATTERNS.ellipsisEnd.test(text)` read backwards from the end: "..." or "…", then only
 * closing quotes or brackets. The pattern, anchored at the end, is tried from every position of
 * every paragraph; this looks at the last few characters (issue 16).
 */
export function endsWithEllipsis(text: string): boolean {
  let end = text.length;
  while (end > 0 && CLOSING_AFTER_ELLIPSIS.has(text.charCodeAt(end - 1))) end -= 1;
  if (end >= 1 && text.charCodeAt(end - 1) === 0x2026) return true;
  return end >= 3 && text.charCodeAt(end - 1) === 0x2e && text.charCodeAt(end - 2) === 0x2e && text.charCodeAt(end - 3) === 0x2e;
}

/** True when `prefix` (a word-hash sequence) starts `words`. */
function startsWithWords(words: Int32Array, prefix: Int32Array): boolean {
  if (prefix.length >= words.length) return false;
  for (let i = 0; i < prefix.length; i += 1) if (words[i] !== prefix[i]) return false;
  return true;
}

/**
 * Most paragraphs one index key (first word, band value, head or tail anchor) lists. Real
 * near-duplicates share a key with a handful of paragraphs; a hostile scrape of thousands of
 * lines that share their opening words made every line compare with every earlier one
 * (2,000 lines: 2.8 s, 8,000: 43 s; issue 10). Past the cap a key takes no more entries, so a
 * look-up costs at most this many comparisons and the whole pass stays linear.
 */
const INDEX_KEY_CAP = 32;

function addToIndex<K>(index: Map<K, number[]>, key: K, value: number): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [value]);
  else if (list.length < INDEX_KEY_CAP) list.push(value);
}

/** A 32-bit hash of `count` word hashes from `start` (an anchor key). */
function hashWords(words: Int32Array, start: number, count: number): number {
  let hash = count;
  for (let i = Math.max(0, start); i < Math.min(words.length, start + count); i += 1) hash = Math.imul(hash ^ words[i]!, 0x9e3779b1) ^ (hash >>> 15);
  return hash;
}

/** Jaccard similarity of the distinct words of two paragraphs (word hashes). */
function getWordSimilarity(a: Int32Array, b: Int32Array): number {
  const setA = new Set(a);
  const setB = new Set(b);
  let shared = 0;
  for (const word of setA) if (setB.has(word)) shared += 1;
  return shared / (setA.size + setB.size - shared);
}

/** True when a paragraph listed under one of `bands` is within `maxDistance` simhash bits of (hi, lo). */
function anyNearBySimhash(
  byBand: ReadonlyMap<number, number[]>,
  bands: readonly number[],
  signatures: readonly TextSignature[],
  hi: number,
  lo: number,
  maxDistance: number,
): boolean {
  for (let band = 0; band < bands.length; band += 1) {
    const listed = byBand.get(bands[band]!);
    if (listed === undefined) continue;
    for (let k = 0; k < listed.length; k += 1) {
      const other = signatures[listed[k]!]!;
      if (hammingDistanceHalves(other.fingerprintHi, other.fingerprintLo, hi, lo) <= maxDistance) return true;
    }
  }
  return false;
}

/** True when a paragraph of `listed` shares at least `minSimilarity` of its distinct words with `words`. */
function anyNearByWords(listed: readonly number[] | undefined, signatures: readonly TextSignature[], words: Int32Array, minSimilarity: number): boolean {
  if (listed === undefined) return false;
  for (let k = 0; k < listed.length; k += 1) if (getWordSimilarity(signatures[listed[k]!]!.wordHashes, words) >= minSimilarity) return true;
  return false;
}

/**
 * Keeps the first occurrence of every paragraph and removes later copies:
 * - `duplicate-paragraph`: the same words after normalisation (case, NFKC, quotes, dashes,
 *   spacing): seed 002 carries its article twice, straight then typographic quotes;
 * - `near-duplicate-paragraph`: a paragraph of at least `nearDuplicateMinWords` words within
 *   `nearDuplicateMaxDistance` simhash bits of a kept one (found through the fingerprint bands),
 *   or sharing its first or last words with a kept one and most of its vocabulary (a corrected
 *   typo, a changed figure; simhash alone moves several bits for one word in 40). Both look-ups
 *   go through hash indexes, so the work stays linear in the number of paragraphs;
 * - `truncated-duplicate`: a paragraph cut off with "..." whose words start another paragraph
 *   (a teaser or caption printed short, then in full); the full one is kept wherever it is.
 *
 * `signatures` (of `getTextSignatures(paragraphs)` with the options' shingle size) are computed
 * when not given.
 *
 * @example
 * dedupeParagraphs(['He said "yes".', 'Other text.', 'He said “yes”.']).removed;
 * // [{ text: 'He said “yes”.', reason: 'duplicate-paragraph' }]
 */
export function dedupeParagraphs(
  paragraphs: readonly string[],
  options: Partial<CleanOptions> = {},
  minDuplicateWords = 0,
  signatures: readonly TextSignature[] = getTextSignatures(paragraphs, { shingleSize: resolveCleanOptions(options).shingleSize }),
): DedupedParagraphs {
  const settings = resolveCleanOptions(options);
  const reasons: Array<string | undefined> = new Array<string | undefined>(paragraphs.length).fill(undefined);

  // Truncated copies first, so the full paragraph is kept even when the cut one comes first.
  // Paragraphs are indexed by their first word so each truncated one checks a few candidates;
  // the index is built at the first paragraph cut with "...", which most documents have none of
  // (a map entry and an array per paragraph, every document; issue 16).
  let byFirstWord: Map<number, number[]> | undefined;
  for (let i = 0; i < paragraphs.length; i += 1) {
    if (!endsWithEllipsis(paragraphs[i]!)) continue;
    if (byFirstWord === undefined) {
      byFirstWord = new Map<number, number[]>();
      for (let index = 0; index < signatures.length; index += 1) {
        const first = signatures[index]!.wordHashes[0];
        if (first !== undefined) addToIndex(byFirstWord, first, index);
      }
    }
    // The last word is usually cut mid-word ("confl..."): compare the words before it.
    const stem = signatures[i]!.wordHashes.slice(0, -1);
    if (stem.length < settings.truncatedMinWords) continue;
    const candidates = byFirstWord.get(stem[0]!) ?? [];
    const full = candidates.some((j) => j !== i && reasons[j] === undefined && startsWithWords(signatures[j]!.wordHashes, stem));
    if (full) reasons[i] = REMOVAL_REASONS.truncatedDuplicate;
  }

  const byKey = new Set<string>();
  // Numeric keys throughout (band index and 16-bit value; anchor hashes): no strings per paragraph.
  const byBand = new Map<number, number[]>();
  const byHead = new Map<number, number[]>();
  const byTail = new Map<number, number[]>();
  const anchorWords = settings.nearDuplicateAnchorWords;
  const bands = new Array<number>(4);
  let indexed = 0;
  for (let i = 0; i < paragraphs.length; i += 1) {
    if (reasons[i] !== undefined) continue;
    const signature = signatures[i]!;
    if (byKey.has(signature.contentKey)) {
      // Short repeats may be content (list items, table rows of an HTML page): see `minDuplicateWords`.
      if (signature.wordHashes.length >= minDuplicateWords) reasons[i] = REMOVAL_REASONS.duplicateParagraph;
      continue;
    }
    byKey.add(signature.contentKey);
    const words = signature.wordHashes;
    if (words.length < settings.nearDuplicateMinWords) continue;
    const { fingerprintHi: hi, fingerprintLo: lo } = signature;
    // The 4 bands of 16 bits (DEFAULT_BAND_COUNT), keyed band * 2^16 + value.
    bands[0] = hi >>> 16;
    bands[1] = 0x10000 + (hi & 0xffff);
    bands[2] = 0x20000 + (lo >>> 16);
    bands[3] = 0x30000 + (lo & 0xffff);
    const head = hashWords(words, 0, anchorWords);
    const tail = hashWords(words, words.length - anchorWords, anchorWords);
    // Plain loops, no closures or arrays per paragraph: this runs for every kept paragraph (issue 16).
    const near =
      anyNearBySimhash(byBand, bands, signatures, hi, lo, settings.nearDuplicateMaxDistance) ||
      anyNearByWords(byHead.get(head), signatures, words, settings.nearDuplicateMinSimilarity) ||
      anyNearByWords(byTail.get(tail), signatures, words, settings.nearDuplicateMinSimilarity);
    if (near) {
      reasons[i] = REMOVAL_REASONS.nearDuplicateParagraph;
      continue;
    }
    if (indexed >= settings.dedupeScanCap) continue;
    indexed += 1;
    for (let band = 0; band < bands.length; band += 1) addToIndex(byBand, bands[band]!, i);
    addToIndex(byHead, head, i);
    addToIndex(byTail, tail, i);
  }

  const kept: string[] = [];
  const keptSignatures: TextSignature[] = [];
  const removed: RemovedParagraph[] = [];
  for (let i = 0; i < paragraphs.length; i += 1) {
    const reason = reasons[i];
    if (reason === undefined) {
      kept.push(paragraphs[i]!);
      keptSignatures.push(signatures[i]!);
    } else {
      removed.push({ text: paragraphs[i]!, reason });
    }
  }
  return { kept, signatures: keptSignatures, removed };
}
