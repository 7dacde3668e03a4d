// The read model of `export` and `report`: every canonical article with its text, sources and
// duplicates, and every source record, as async iterators over pages of the store. It is the
// one place those commands touch the store, written against DynamoStore's public read API only,
// so a change of the records' layout is absorbed here (docs/architecture.md, "Export and report").
import type { RemovedParagraph } from '../core/types.js';
import type { CanonicalRecord, DocSourceRecord, Outcome, SourceRecord, SourceRef } from '../dedup/types.js';
import type { DynamoStore } from './dynamo-store.js';

/** Canonical records listed per request (DynamoDB returns at most 1 MB per page anyway). */
const ARTICLE_PAGE_SIZE = 100;
/** Source records listed per request. */
const SOURCE_PAGE_SIZE = 500;
/**
 * Articles read at once (each is a GetItem, a BatchGetItem of its body and a Query of its
 * sources): enough to hide the round trips, few enough to keep memory flat and not burst a partition.
 */
export const ARTICLE_READ_CONCURRENCY = 8;

/**
 * One object (or record inside an object, `record`) an article was seen in, with the decision
 * its source record holds.
 */
export interface ArticleSource extends SourceRef {
  readonly seenAt: string;
  /** `canonical` for the object whose document became the article, else `duplicate` or `unchanged`. */
  readonly outcome: Outcome;
  /** Fingerprint distance to the canonical in bits (duplicates). */
  readonly distance?: number;
  /** Share of the smaller document's paragraphs found in the other (duplicates). */
  readonly paragraphOverlap?: number;
  /** Site the object was attributed to. */
  readonly site?: string;
  /** Paragraphs removed from it as the site's learned chrome. */
  readonly learnedChromeRemoved?: number;
}

/** A canonical article as export and report read it. */
export interface CorpusArticle {
  readonly docId: string;
  readonly title: string;
  readonly site: string;
  /** ISO language code, when the cleaner recorded one. */
  readonly language?: string;
  readonly text: string;
  readonly fingerprint: string;
  readonly paragraphFingerprints: readonly string[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** Chrome removed from the canonical document, with the rule that removed it. */
  readonly removed: readonly RemovedParagraph[];
  /** Every source, the canonical's own first, then in order of first sight. */
  readonly sources: readonly ArticleSource[];
}

/** Options of {@link CorpusReader.articles}. */
export interface ArticleQuery {
  /** Only articles first seen or given a new duplicate at or after this ISO time. */
  readonly since?: string;
}

/** Requests and read units the reader consumed (for the cost figures). */
export interface ReadMetrics {
  readonly requests: number;
  readonly readUnits: number;
}

/** What export and report read. Implemented on the current records by {@link createCorpusReader}. */
export interface CorpusReader {
  /** Canonical articles in first-seen order, each complete. */
  articles(query?: ArticleQuery): AsyncIterable<CorpusArticle>;
  /** Every source record (one per ingested document), in processing order. */
  sources(): AsyncIterable<SourceRecord>;
  /** The source whose document became article `docId` (its first, when several). */
  canonicalSource(docId: string): Promise<ArticleSource | undefined>;
  /** Requests and read units so far. */
  metrics(): ReadMetrics;
}

/** Where a source link points, without its flags; `record` and `url` only when present. */
function linkOf(docSource: DocSourceRecord): SourceRef & { seenAt: string } {
  return {
    bucket: docSource.bucket,
    key: docSource.key,
    version: docSource.version,
    ...(docSource.record !== undefined ? { record: docSource.record } : {}),
    ...(docSource.url !== undefined ? { url: docSource.url } : {}),
    seenAt: docSource.seenAt,
  };
}

/** Yields `read(item)` for each item in input order, with up to `limit` reads in flight. */
export async function* mapOrdered<T, R>(items: AsyncIterable<T>, limit: number, read: (item: T) => Promise<R>): AsyncGenerator<R> {
  const window: Promise<R>[] = [];
  for await (const item of items) {
    const pending = read(item);
    // A rejection is observed when its turn comes; mark it handled so Node does not abort first.
    pending.catch(() => undefined);
    window.push(pending);
    if (window.length >= limit) yield await window.shift()!;
  }
  while (window.length > 0) yield await window.shift()!;
}

/**
 * The read model on a {@link DynamoStore}: pages of `listCanonical` and `listSources`, and per
 * article `getCanonical` (with body), `listDocSources` and the duplicates' source records.
 *
 * @example
 * const reader = createCorpusReader(store);
 * for await (const article of reader.articles({ since: '2026-01-01T00:00:00Z' })) console.log(article.docId);
 */
export function createCorpusReader(store: DynamoStore): CorpusReader {
  async function* canonicalRecords(query: ArticleQuery): AsyncGenerator<CanonicalRecord> {
    let cursor: string | undefined;
    do {
      // Last sightings come from each article's links: only a `since` filter needs them here
      // (complete() reads the links anyway).
      const page = await store.listCanonical({ limit: ARTICLE_PAGE_SIZE, cursor, withCounts: query.since !== undefined });
      for (const record of page.items) {
        // lastSeen moves when a duplicate is added, so this keeps new and grown clusters.
        if (query.since === undefined || record.lastSeen >= query.since || record.firstSeen >= query.since) yield record;
      }
      cursor = page.cursor;
    } while (cursor !== undefined);
  }

  async function sourceOf(docSource: DocSourceRecord): Promise<ArticleSource> {
    // The source record holds the decision (distance, overlap, learned chrome).
    const outcome = await store.getSource(docSource.bucket, docSource.key, docSource.version, docSource.record);
    return {
      ...linkOf(docSource),
      outcome: outcome?.outcome ?? (docSource.duplicate ? 'duplicate' : 'canonical'),
      ...(outcome?.distance !== undefined ? { distance: outcome.distance } : {}),
      ...(outcome?.paragraphOverlap !== undefined ? { paragraphOverlap: outcome.paragraphOverlap } : {}),
      ...(outcome?.site !== undefined ? { site: outcome.site } : {}),
      ...(outcome?.learnedChromeRemoved ? { learnedChromeRemoved: outcome.learnedChromeRemoved } : {}),
    };
  }

  async function complete(listed: CanonicalRecord): Promise<CorpusArticle> {
    const [record, docSources] = await Promise.all([store.getCanonical(listed.docId, { withText: true, withCounts: false }), store.listDocSources(listed.docId)]);
    const full = record ?? listed;
    // The canonical's own source first; the rest keep the store's order (first sight).
    const ordered = [...docSources.filter((s) => !s.duplicate), ...docSources.filter((s) => s.duplicate)];
    const sources = await Promise.all(ordered.map(sourceOf));
    const { language } = full;
    return {
      docId: full.docId,
      title: full.title,
      site: full.site,
      ...(language !== undefined ? { language } : {}),
      text: full.text ?? '',
      fingerprint: full.fingerprint,
      paragraphFingerprints: full.paragraphFingerprints,
      firstSeen: full.firstSeen,
      lastSeen: docSources.reduce((latest, source) => (source.seenAt > latest ? source.seenAt : latest), full.firstSeen),
      removed: full.removed,
      sources,
    };
  }

  return {
    articles: (query = {}) => mapOrdered(canonicalRecords(query), ARTICLE_READ_CONCURRENCY, complete),
    async *sources() {
      let cursor: string | undefined;
      do {
        const page = await store.listSources({ limit: SOURCE_PAGE_SIZE, cursor });
        yield* page.items;
        cursor = page.cursor;
      } while (cursor !== undefined);
    },
    async canonicalSource(docId) {
      const own = (await store.listDocSources(docId)).find((source) => !source.duplicate);
      return own ? { ...linkOf(own), outcome: 'canonical' } : undefined;
    },
    metrics: () => ({ requests: store.metrics.requests, readUnits: store.metrics.readUnits }),
  };
}
