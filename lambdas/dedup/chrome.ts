// Learned chrome: paragraphs that recur across a site's articles are boilerplate of that site.
import { simhash64 } from '../core/simhash.js';
import type { RemovedParagraph } from '../core/types.js';

/** Reason recorded for a paragraph removed as learned chrome. */
export const LEARNED_CHROME_REASON = 'learned-chrome';

/**
 * The site an object belongs to: the URL's host (lower case, without `www.`) when known,
 * else the folder of the key (everything up to the last `/`, or `/` at the top level).
 *
 * @example
 * siteOf('https://www.Example.com/a/b', 'incoming/x.html'); // 'example.com'
 * siteOf(undefined, 'incoming/example/2024/a.html');        // 'incoming/example/2024/'
 */
export function siteOf(url: string | undefined, key: string): string {
  if (url) {
    try {
      const host = new URL(url).hostname.toLowerCase().replace(/^www\./, '');
      if (host) return host;
    } catch {
      // Not a URL: fall back to the key's folder.
    }
  }
  const slash = key.lastIndexOf('/');
  return slash < 0 ? '/' : key.slice(0, slash + 1);
}

/** A document's paragraphs, possibly after learned-chrome removal. */
export interface ParagraphView {
  readonly paragraphs: readonly string[];
  readonly paragraphFingerprints: readonly string[];
  readonly text: string;
  readonly fingerprint: string;
  readonly removed: readonly RemovedParagraph[];
}

/**
 * Removes the paragraphs already counted in at least `minDocs` distinct articles of the site,
 * records each with reason {@link LEARNED_CHROME_REASON}, and refingerprints the rest when
 * anything was removed. `minDocs` 0 disables learning. Never removes every paragraph: a page
 * made only of the site's recurring text keeps it (its own article may be just that).
 *
 * @example
 * applyLearnedChrome(doc, new Map([['aa00000000000000', 2]]), 2).removed;
 * // [{ text: 'Subscribe to our newsletter', reason: 'learned-chrome' }]
 */
export function applyLearnedChrome(doc: ParagraphView, siteCounts: ReadonlyMap<string, number>, minDocs: number): ParagraphView {
  if (minDocs <= 0) return doc;
  const keep: number[] = [];
  const removed: RemovedParagraph[] = [];
  doc.paragraphFingerprints.forEach((fp, i) => {
    if ((siteCounts.get(fp) ?? 0) >= minDocs) removed.push({ text: doc.paragraphs[i]!, reason: LEARNED_CHROME_REASON });
    else keep.push(i);
  });
  if (removed.length === 0 || keep.length === 0) return doc;
  const paragraphs = keep.map((i) => doc.paragraphs[i]!);
  const text = paragraphs.join('\n\n');
  return {
    paragraphs,
    paragraphFingerprints: keep.map((i) => doc.paragraphFingerprints[i]!),
    text,
    fingerprint: simhash64(text),
    removed: [...doc.removed, ...removed],
  };
}
