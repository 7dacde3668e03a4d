// Builds the report's model from the read model: a summary from one pass over the source
// records, then one cluster per canonical article (streamed), each duplicate read back from the
// bucket and aligned word by word with its canonical.
import type { ArticleSource, CorpusArticle, CorpusReader } from '../../lambdas/adapters/corpus-reader.js';
import type { ClusterDuplicate, RejectedObject, ReportCluster, ReportSummary } from './report-model.js';
import type { DocumentReader } from './object-documents.js';
import { placeRemoved } from './place-removed.js';
import { diffWords, tokenize } from './word-diff.js';

/** Rejected objects listed by name; beyond this the report gives their number only. */
export const MAX_REJECTED_LISTED = 1000;
/** Sites drawn in the per-site chart; the rest are one "other sites" row. */
export const MAX_SITES_CHARTED = 12;
/** Duplicates of one article aligned word by word; a cluster larger than this lists the rest. */
export const MAX_DUPLICATES_ALIGNED = 5;

/** Upper bounds (inclusive) of the distance histogram's bins; the match rule stops at 24 bits. */
const DISTANCE_BINS: readonly { label: string; max: number }[] = [
  { label: '0', max: 0 },
  { label: '1', max: 1 },
  { label: '2', max: 2 },
  { label: '3', max: 3 },
  { label: '4–6', max: 6 },
  { label: '7–12', max: 12 },
  { label: '13–18', max: 18 },
  { label: '19–24', max: 24 },
  { label: '25+', max: Number.POSITIVE_INFINITY },
];

/** A source as a person recognises it: its key under incoming/, with the record position. */
export function sourceLabel(source: { key: string; record?: string }): string {
  const key = source.key.replace(/^incoming\//, '');
  return source.record !== undefined ? `${key} @${source.record}` : key;
}

/**
 * Totals, distance histogram, per-site counts and rejected objects over every source record.
 *
 * @example
 * const summary = await summarize(reader, 'state folder .scrape-dedup', new Date());
 */
export async function summarize(reader: CorpusReader, origin: string, now: Date): Promise<ReportSummary> {
  const outcomes: Record<string, number> = {};
  const bins = DISTANCE_BINS.map(() => 0);
  const sites = new Map<string, { canonical: number; duplicate: number }>();
  const rejected: RejectedObject[] = [];
  let rejectedNotListed = 0;
  let documents = 0;
  for await (const source of reader.sources()) {
    documents += 1;
    outcomes[source.outcome] = (outcomes[source.outcome] ?? 0) + 1;
    if (source.outcome === 'duplicate' && source.distance !== undefined) {
      bins[DISTANCE_BINS.findIndex((bin) => source.distance! <= bin.max)]! += 1;
    }
    if (source.outcome === 'canonical' || source.outcome === 'duplicate') {
      const site = source.site ?? '(no site)';
      const counts = sites.get(site) ?? { canonical: 0, duplicate: 0 };
      counts[source.outcome] += 1;
      sites.set(site, counts);
    }
    if (source.outcome === 'rejected') {
      if (rejected.length < MAX_REJECTED_LISTED) {
        rejected.push({ label: sourceLabel(source), code: source.code, reason: source.reason, processedAt: source.processedAt });
      } else rejectedNotListed += 1;
    }
  }
  const bySize = [...sites.entries()].sort((a, b) => b[1].canonical + b[1].duplicate - (a[1].canonical + a[1].duplicate) || (a[0] < b[0] ? -1 : 1));
  const charted = bySize.slice(0, MAX_SITES_CHARTED).map(([site, counts]) => ({ site, ...counts }));
  const rest = bySize.slice(MAX_SITES_CHARTED);
  if (rest.length > 0) {
    charted.push({
      site: `${rest.length} other sites`,
      canonical: rest.reduce((total, [, c]) => total + c.canonical, 0),
      duplicate: rest.reduce((total, [, c]) => total + c.duplicate, 0),
    });
  }
  return {
    origin,
    generatedAt: now.toISOString(),
    documents,
    outcomes,
    distanceBins: DISTANCE_BINS.map((bin, i) => ({ label: bin.label, count: bins[i]! })),
    sites: charted,
    siteCount: sites.size,
    rejected,
    rejectedNotListed,
  };
}

async function duplicateView(article: CorpusArticle, source: ArticleSource, readDocument: DocumentReader | undefined): Promise<ClusterDuplicate> {
  const base = {
    label: sourceLabel(source),
    ...(source.url !== undefined ? { url: source.url } : {}),
    outcome: source.outcome,
    ...(source.distance !== undefined ? { distance: source.distance } : {}),
    ...(source.paragraphOverlap !== undefined ? { paragraphOverlap: source.paragraphOverlap } : {}),
  };
  if (!readDocument) return { ...base, note: 'its text is not stored; give --bucket to read it back from the scrapes bucket' };
  const doc = await readDocument(source);
  if (!doc) return { ...base, note: 'its object could not be read back (deleted, replaced or unreadable)' };
  const runs = diffWords(tokenize(article.text), tokenize(doc.cleaned.text));
  if (!runs) return { ...base, note: 'too many words differ to align them' };
  return { ...base, runs };
}

/**
 * The cluster of one article: its document with removed chrome put back in place (from the
 * original when it can be read) and up to {@link MAX_DUPLICATES_ALIGNED} duplicates aligned.
 *
 * @example
 * const cluster = await buildCluster(article, createDocumentReader(s3));
 */
export async function buildCluster(article: CorpusArticle, readDocument: DocumentReader | undefined): Promise<ReportCluster> {
  const own = article.sources.find((source) => source.outcome === 'canonical') ?? article.sources[0];
  const duplicates = article.sources.filter((source) => source.outcome !== 'canonical');
  const reading = own && readDocument ? readDocument(own) : Promise.resolve(undefined);
  const views = await Promise.all(duplicates.slice(0, MAX_DUPLICATES_ALIGNED).map((source) => duplicateView(article, source, readDocument)));
  const original = await reading;
  const kept = article.text === '' ? [] : article.text.split('\n\n');
  const rest: ClusterDuplicate[] = duplicates.slice(MAX_DUPLICATES_ALIGNED).map((source) => ({
    label: sourceLabel(source),
    outcome: source.outcome,
    ...(source.distance !== undefined ? { distance: source.distance } : {}),
    ...(source.paragraphOverlap !== undefined ? { paragraphOverlap: source.paragraphOverlap } : {}),
    note: `not aligned: the report aligns the first ${MAX_DUPLICATES_ALIGNED} duplicates of an article`,
  }));
  return {
    docId: article.docId,
    title: article.title,
    site: article.site,
    label: own ? sourceLabel(own) : article.docId,
    ...(own?.url !== undefined ? { url: own.url } : {}),
    firstSeen: article.firstSeen,
    blocks: placeRemoved(kept, article.removed, original?.flatOriginal),
    duplicates: [...views, ...rest],
  };
}
