// Which index buckets a document is looked up, leased and registered under.
import { getWordHashes } from '../core/simhash.js';
import type { DedupOptions } from './options.js';
import { bottomShingleKeys } from './shingles.js';

/** Prefixes of index keys: bottom-k shingle hashes and the document's lead. */
export const INDEX_KEY_PREFIXES = { shingle: 'S:', lead: 'L:' } as const;

/** Words of the lead key: enough to name an article's opening, few enough to survive a cut. */
const LEAD_WORDS = 8;

/**
 * A key for the opening words of the text: a teaser, an article cut short or with an update
 * appended starts like its original, whatever the bottom-k keys drew. 64 bits (two FNV-1a
 * variants), so different openings share it only by chance of 2^-64.
 */
function leadKey(paragraphs: readonly string[]): string | undefined {
  const words: number[] = [];
  for (const paragraph of paragraphs) {
    for (const word of getWordHashes(paragraph)) {
      words.push(word);
      if (words.length === LEAD_WORDS) break;
    }
    if (words.length === LEAD_WORDS) break;
  }
  if (words.length < LEAD_WORDS) return undefined;
  let h = 0x811c9dc5;
  let g = 0xcbf29ce4;
  for (const word of words) {
    h = Math.imul(h ^ word, 0x01000193);
    g = Math.imul(g ^ word, 0x01000193) ^ (g >>> 15);
  }
  return `${(h >>> 0).toString(16).padStart(8, '0')}${(g >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * The sorted, unique index keys of a document: `S:<64-bit hex>` for each of its `shingleKeyCount`
 * smallest shingles, and `L:<hash>` for its opening words when `leadKey` is on. The same
 * list is looked up, leased and registered under, which is what makes concurrent decisions agree.
 *
 * @example
 * indexKeysFor({ paragraphs: ['The council said on Monday that its plan would go ahead.'] }, options);
 * // ['L:…', 'S:…', 'S:…', …]
 */
export function indexKeysFor(
  doc: { readonly paragraphs: readonly string[] },
  options: Pick<DedupOptions, 'shingleWidth' | 'shingleKeyCount' | 'leadKey'>,
): string[] {
  const keys = new Set<string>();
  for (const key of bottomShingleKeys(doc.paragraphs, options.shingleWidth, options.shingleKeyCount)) keys.add(`${INDEX_KEY_PREFIXES.shingle}${key}`);
  const lead = options.leadKey ? leadKey(doc.paragraphs) : undefined;
  if (lead) keys.add(`${INDEX_KEY_PREFIXES.lead}${lead}`);
  return [...keys].sort();
}
