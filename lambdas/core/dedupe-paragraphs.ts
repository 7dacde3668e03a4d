// Collapses paragraphs repeated within one document: exact (after normalisation), near (simhash) and truncated copies.
import { CHROME_PATTERNS } from './chrome-patterns.js';
import { REMOVAL_REASONS } from './classify.js';
import type { CleanOptions } from './settings.js';
import { resolveCleanOptions } from './settings.js';
import type { TextSignature } from './simhash.js';
import { getTextSignature, hammingDistanceHalves } from './simhash.js';
import type { RemovedParagraph } from './types.js';

/** Kept paragraphs (first occurrences, in order) with their signatures, and the removed copies. */
export interface DedupedParagraphs {
  readonly kept: string[];
  /** Signature of each kept paragraph, same order: fingerprints and word hashes for the document fingerprint. */
  readonly signatures: TextSignature[];
  readonly removed: RemovedParagraph[];
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
 * @example
 * dedupeParagraphs(['He said "yes".', 'Other text.', 'He said “yes”.']).removed;
 * // [{ text: 'He said “yes”.', reason: 'duplicate-paragraph' }]
 */
export function dedupeParagraphs(
  paragraphs: readonly string[],
  options: Partial<CleanOptions> = {},
  minDuplicateWords = 0,
): DedupedParagraphs {
  const settings = resolveCleanOptions(options);
  const signatures = paragraphs.map((text) => getTextSignature(text, { shingleSize: settings.shingleSize }));
  const reasons: Array<string | undefined> = new Array<string | undefined>(paragraphs.length).fill(undefined);

  // Truncated copies first, so the full paragraph is kept even when the cut one comes first.
  // Paragraphs are indexed by their first word so each truncated one checks a few candidates.
  const byFirstWord = new Map<number, number[]>();
  signatures.forEach((signature, index) => {
    const first = signature.wordHashes[0];
    if (first !== undefined) addToIndex(byFirstWord, first, index);
  });
  for (let i = 0; i < paragraphs.length; i += 1) {
    if (!CHROME_PATTERNS.ellipsisEnd.test(paragraphs[i]!)) continue;
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
    const bands = [hi >>> 16, 0x10000 + (hi & 0xffff), 0x20000 + (lo >>> 16), 0x30000 + (lo & 0xffff)];
    const head = hashWords(words, 0, anchorWords);
    const tail = hashWords(words, words.length - anchorWords, anchorWords);
    const isNearBySimhash = (j: number): boolean =>
      hammingDistanceHalves(signatures[j]!.fingerprintHi, signatures[j]!.fingerprintLo, hi, lo) <= settings.nearDuplicateMaxDistance;
    const isNearByWords = (j: number): boolean => getWordSimilarity(signatures[j]!.wordHashes, words) >= settings.nearDuplicateMinSimilarity;
    const near =
      bands.some((band) => (byBand.get(band) ?? []).some(isNearBySimhash)) ||
      (byHead.get(head) ?? []).some(isNearByWords) ||
      (byTail.get(tail) ?? []).some(isNearByWords);
    if (near) {
      reasons[i] = REMOVAL_REASONS.nearDuplicateParagraph;
      continue;
    }
    if (indexed >= settings.dedupeScanCap) continue;
    indexed += 1;
    for (const band of bands) addToIndex(byBand, band, i);
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
