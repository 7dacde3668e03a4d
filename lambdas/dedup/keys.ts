// Which index buckets a document is looked up and registered under.
import { fingerprintBands } from '../core/simhash.js';
import type { DedupOptions } from './options.js';

/** Prefixes of index keys: whole-document fingerprint bands and paragraph sketch values. */
export const INDEX_KEY_PREFIXES = { band: 'B', sketch: 'P:' } as const;

/**
 * The bottom-`size` sketch of a document's paragraph fingerprints: the smallest distinct
 * fingerprints among paragraphs of at least `minChars` characters. Two documents whose
 * paragraph sets overlap by Jaccard J share their minimum with probability J, and share some
 * member of their bottom-n sketches with higher probability still.
 *
 * @example
 * paragraphSketch(['a long paragraph ...', 'x'], ['ff00000000000000', '0000000000000001'], 8, 10);
 * // ['ff00000000000000'] ('x' is too short)
 */
export function paragraphSketch(paragraphs: readonly string[], fingerprints: readonly string[], size: number, minChars: number): string[] {
  const eligible = new Set<string>();
  for (let i = 0; i < fingerprints.length; i += 1) {
    if ((paragraphs[i]?.length ?? 0) >= minChars) eligible.add(fingerprints[i]!);
  }
  return [...eligible].sort().slice(0, size);
}

/**
 * The sorted, unique index keys of a document: `B<band>:<hex>` for each band of its
 * fingerprint, `P:<fp>` for each member of its paragraph sketch. The same list is looked up,
 * leased and registered under, which is what makes concurrent decisions agree.
 *
 * @example
 * indexKeysFor({ fingerprint: 'ab1234cdef567890', paragraphs: [], paragraphFingerprints: [] }, options);
 * // ['B0:ab1234cd', 'B1:ef567890'] with 2 bands (and no sketch: no paragraphs)
 */
export function indexKeysFor(
  doc: { readonly fingerprint: string; readonly paragraphs: readonly string[]; readonly paragraphFingerprints: readonly string[] },
  options: Pick<DedupOptions, 'bandCount' | 'sketchSize' | 'sketchMinChars'>,
): string[] {
  const keys = new Set<string>();
  for (const band of fingerprintBands(doc.fingerprint, options.bandCount)) keys.add(`${INDEX_KEY_PREFIXES.band}${band}`);
  for (const fp of paragraphSketch(doc.paragraphs, doc.paragraphFingerprints, options.sketchSize, options.sketchMinChars)) {
    keys.add(`${INDEX_KEY_PREFIXES.sketch}${fp}`);
  }
  return [...keys].sort();
}
