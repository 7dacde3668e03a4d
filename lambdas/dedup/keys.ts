// Which index buckets a document is looked up, leased and registered under.
import { getWordHashes } from '../core/simhash.js';
import type { DedupOptions } from './options.js';
import { bottomShingles } from './shingles.js';

/** Prefixes of index keys: bottom-k shingle hashes and the document's lead. */
export const INDEX_KEY_PREFIXES = { shingle: 'S:', lead: 'L:' } as const;

/** Words of the lead key: enough to name an article's opening, few enough to survive a cut. */
const LEAD_WORDS = 8;

/**
 * A key for the opening words of the text: a teaser, an article cut short or with an update
 * appended starts like its original, whatever the bottom-k keys drew.
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
  for (const word of words) h = Math.imul(h ^ word, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The sorted, unique index keys of a document: `S:<hash>` for each of its `shingleKeyCount`
 * smallest shingle hashes, and `L:<hash>` for its opening words when `leadKey` is on. The same
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
  for (const h of bottomShingles(doc.paragraphs, options.shingleWidth, options.shingleKeyCount)) {
    keys.add(`${INDEX_KEY_PREFIXES.shingle}${h.toString(16).padStart(8, '0')}`);
  }
  const lead = options.leadKey ? leadKey(doc.paragraphs) : undefined;
  if (lead) keys.add(`${INDEX_KEY_PREFIXES.lead}${lead}`);
  return [...keys].sort();
}
