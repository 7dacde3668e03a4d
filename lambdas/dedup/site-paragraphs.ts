// Learned chrome, counted per site in one small record: the opening and closing paragraphs of the
// site's latest canonical articles (where chrome sits: bylines, newsletter prompts, credits,
// standard notes) and the paragraphs already learned. A paragraph found in `minDocs` distinct
// canonical articles of the site is learned; only canonical articles are added, once each, so
// copies of one article never count twice. Pure: the store reads and writes the record.

/** Paragraphs kept from each end of an article. */
export const TRACKED_PER_END = 6;
/** Canonical articles of a site kept in its record (the window chrome is learned in). */
export const RECENT_ARTICLES = 8;
/** Learned paragraphs kept per site (the oldest make way): chrome of a site is a short list. */
export const MAX_LEARNED = 64;

/** The record of one site. Paragraphs are named by the first 32 bits of their fingerprint. */
export interface SiteParagraphs {
  /** Optimistic-concurrency counter: every write expects the version it read. */
  readonly version: number;
  readonly recent: ReadonlyArray<{ readonly docId: string; readonly paragraphs: readonly number[] }>;
  readonly learned: readonly number[];
}

export const EMPTY_SITE: SiteParagraphs = { version: 0, recent: [], learned: [] };

/** The 32-bit name of a paragraph fingerprint (16 hex digits). */
export function paragraphName(fingerprint: string): number {
  return parseInt(fingerprint.slice(0, 8), 16) >>> 0;
}

/** The tracked paragraphs of an article: up to {@link TRACKED_PER_END} from each end, unique. */
export function trackedParagraphs(fingerprints: readonly string[]): number[] {
  const ends = fingerprints.length <= 2 * TRACKED_PER_END ? fingerprints : [...fingerprints.slice(0, TRACKED_PER_END), ...fingerprints.slice(-TRACKED_PER_END)];
  return [...new Set(ends.map(paragraphName))];
}

/**
 * For each fingerprint, the distinct canonical articles of the site it was counted in (not
 * counting `excludeDocId`); a learned paragraph counts as `minDocs` at least.
 *
 * @example
 * siteCounts(site, doc.paragraphFingerprints, docId, 2).get(fp); // 2 -> learned chrome
 */
export function siteCounts(site: SiteParagraphs, fingerprints: readonly string[], excludeDocId: string | undefined, minDocs: number): Map<string, number> {
  const learned = new Set(site.learned);
  const counts = new Map<string, number>();
  for (const fp of new Set(fingerprints)) {
    const name = paragraphName(fp);
    const seen = site.recent.filter((entry) => entry.docId !== excludeDocId && entry.paragraphs.includes(name)).length;
    const count = learned.has(name) ? Math.max(seen, minDocs) : seen;
    if (count > 0) counts.set(fp, count);
  }
  return counts;
}

/**
 * The record with canonical article `docId` added (its paragraphs that now appear in `minDocs`
 * distinct articles become learned), or `undefined` when it is already in (a replay).
 */
export function withArticle(site: SiteParagraphs, docId: string, fingerprints: readonly string[], minDocs: number): SiteParagraphs | undefined {
  if (site.recent.some((entry) => entry.docId === docId)) return undefined;
  const paragraphs = trackedParagraphs(fingerprints);
  const recent = [...site.recent, { docId, paragraphs }];
  const learned = [...site.learned];
  if (minDocs > 0) {
    for (const name of paragraphs) {
      if (learned.includes(name)) continue;
      if (recent.filter((entry) => entry.paragraphs.includes(name)).length >= minDocs) learned.push(name);
    }
  }
  return { version: site.version + 1, recent: recent.slice(-RECENT_ARTICLES), learned: learned.slice(-MAX_LEARNED) };
}
