// Per-object work in two layers with one seam between them:
//   object -> documents  (fetch the object, read its documents: today one text/HTML file; the
//                         WARC and JSON Lines readers of lambdas/readers/ plug in here), and
//   document -> decision (clean, remove the site's learned chrome, decide canonical or
//                         duplicate under index leases, record the outcome).
// Safe to run twice or concurrently. The Lambda, the CLI and the benchmarks all come through here.
import { createHash, randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import { cleanScrape } from './core/pipeline.js';
import { InputRejectedError } from './core/errors.js';
import { checkDocumentLimits } from './document-limits.js';
import type { CleanDocument, ScrapeHints } from './core/types.js';
import { fetchObject, normalizeETag } from './adapters/s3-source.js';
import type { FetchedObject, ObjectRef } from './adapters/s3-source.js';
import { DynamoStore } from './adapters/dynamo-store.js';
import { applyLearnedChrome, siteOf } from './dedup/chrome.js';
import type { ParagraphView } from './dedup/chrome.js';
import { indexKeysFor } from './dedup/keys.js';
import { shingleSketch } from './dedup/shingles.js';
import { decide } from './dedup/match.js';
import type { Comparable, MatchDecision } from './dedup/match.js';
import { resolveDedupOptions } from './dedup/options.js';
import type { DedupOptions } from './dedup/options.js';
import { OUTCOMES } from './dedup/types.js';
import type { DedupIndex, IndexLease, Outcome, OutcomeDetails, RecordStore, SourceRecord, SourceRef } from './dedup/types.js';
import { LeaseBusyError, LeaseLostError } from './dedup/errors.js';
import { createCrawlProcessor } from './process-crawl.js';
import type { CrawlProcessed, CrawlRangeMessage, FanOut, TimeLeft } from './process-crawl.js';
import { detectObjectFormat, FORMAT_SNIFF_BYTES } from './readers/read-object.js';
import type { ReaderOptions } from './readers/types.js';

/** The decision made for one object, as logged and returned. */
export interface ProcessedObject extends OutcomeDetails {
  readonly version: string;
  /** The document's position inside its object (multi-document objects only). */
  readonly record?: string;
  /** The page URL, when the object or record carried one. */
  readonly url?: string;
  /** Candidates verified (documents found in the index buckets). */
  readonly candidates?: number;
  /** True when this version had already been processed: nothing was changed. */
  readonly replay?: boolean;
  /** What cleaning kept and removed, for the decision log and the CLI (absent on replays and rejections). */
  readonly stats?: ObjectStats;
}

/** Characters and paragraphs of one cleaned object, after learned chrome. */
export interface ObjectStats {
  /** Characters of the kept paragraphs. */
  readonly keptChars: number;
  /** Characters of the paragraphs removed as chrome (rules and learned chrome). */
  readonly strippedChars: number;
  /** Kept paragraphs not yet counted in another article of the site. */
  readonly newParagraphs: number;
  /** Kept paragraphs already counted in another article of the site. */
  readonly seenParagraphs: number;
}

function statsOf(doc: { readonly text: string; readonly removed: readonly { readonly text: string }[]; readonly paragraphFingerprints: readonly string[] }, siteCounts: ReadonlyMap<string, number>): ObjectStats {
  const seenParagraphs = doc.paragraphFingerprints.filter((fp) => (siteCounts.get(fp) ?? 0) > 0).length;
  return {
    keptChars: doc.text.length,
    strippedChars: doc.removed.reduce((total, paragraph) => total + paragraph.text.length, 0),
    newParagraphs: doc.paragraphFingerprints.length - seenParagraphs,
    seenParagraphs,
  };
}

/** Processes one object; throws only for failures that a retry may fix. */
export type ObjectProcessor = (ref: ObjectRef) => Promise<ProcessedObject>;

/**
 * The cleaner's signature (lambdas/core/pipeline.ts), injectable for tests; the embedded stack
 * of the CLI runs the same cleanScrape on a worker thread (bin/local/thread-cleaner.ts), hence
 * the promise. Throws (or rejects with) InputRejectedError for input that is not an article.
 */
export type Cleaner = (bytes: Uint8Array, hints: ScrapeHints) => CleanDocument | Promise<CleanDocument>;

/**
 * One document to decide: identified by its object (bucket, key, version) plus, inside a
 * multi-document object, its `record` position; `url` when known. The seam between readers
 * (object -> documents) and the decision (document -> canonical or duplicate).
 */
export interface SourceDocument extends SourceRef {
  readonly bytes: Uint8Array;
  /** Format hints for the cleaner (the key's extension, Content-Type, Content-Encoding). */
  readonly hints: ScrapeHints;
}

/** Decides one document and records its outcome; throws only for failures a retry may fix. */
export type DocumentDecider = (doc: SourceDocument) => Promise<ProcessedObject>;

/**
 * The "object -> documents" step for a fetched object: today every object is one text or
 * HTML document. Readers of multi-document formats return one document per record.
 *
 * @example
 * const [doc] = readDocuments(object, { bucket: 'scrapes', key: 'incoming/a.html' });
 */
export function readDocuments(object: FetchedObject, ref: ObjectRef): SourceDocument[] {
  return [
    {
      bucket: ref.bucket,
      key: ref.key,
      version: object.version,
      url: object.url,
      bytes: object.bytes,
      hints: { key: ref.key, contentType: object.contentType, contentEncoding: object.contentEncoding },
    },
  ];
}

/** What the decision step needs (part of {@link ProcessorDeps}). */
export interface DeciderDeps {
  readonly dynamo?: DynamoDBClient;
  readonly tableName?: string;
  readonly dedupOptions?: Partial<DedupOptions>;
  /** Store and index; default: a {@link DynamoStore} on `dynamo` and `tableName`. */
  readonly store?: RecordStore & DedupIndex;
  /** @default cleanScrape from lambdas/core/pipeline.ts */
  readonly clean?: Cleaner;
  /** Clock for timestamps. @default () => new Date() */
  readonly clock?: () => Date;
}

export interface ProcessorDeps extends DeciderDeps {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  readonly tableName: string;
  /** Objects larger than this are rejected without being read. @default no limit */
  readonly maxObjectBytes?: number;
  readonly logger?: Logger;
  /** Crawl files (WARC, JSON Lines): reader limits and field names. @default lambdas/readers/settings.ts */
  readonly readerOptions?: Partial<ReaderOptions>;
  /** Crawl files: fan large ones out as record ranges through the queue. @default none (read whole) */
  readonly fanOut?: FanOut;
}

/** Rejection code for an object deleted before it was read (S3 NoSuchKey / NoSuchVersion). */
export const OBJECT_MISSING_CODE = 'object-missing';

/** Appended to the event's version in the record of a missing object (see the processor). */
export const MISSING_VERSION_SUFFIX = '#missing';

/** S3 error names meaning the object (version) no longer exists. */
const MISSING_OBJECT_ERRORS: ReadonlySet<string> = new Set(['NoSuchKey', 'NoSuchVersion', 'NotFound']);

function isObjectMissing(error: unknown): boolean {
  return MISSING_OBJECT_ERRORS.has((error as { name?: string } | null)?.name ?? '');
}

/**
 * One round of waiting for busy leases, in units of the first back-off: long enough for a
 * holder to finish a typical decision, short enough to re-check the index soon after it does.
 */
const LEASE_ROUND_FACTOR = 10;

/** Rejection code for an object over `maxObjectBytes`. */
export const TOO_LARGE_CODE = 'too-large';

/**
 * The stable id of the article an object version would create: a digest of where the content
 * came from, so a retry after a crash rebuilds the same id and finds its own earlier writes.
 *
 * @example
 * articleIdFor('scrapes', 'incoming/a.html', 'd41d8cd9'); // 24 hex digits
 */
export function articleIdFor(bucket: string, key: string, version: string, record?: string): string {
  // A single-document file hashes exactly as before records existed, so its id is unchanged.
  const identity = record === undefined ? `${bucket}\n${key}\n${version}` : `${bucket}\n${key}\n${version}\n${record}`;
  return createHash('sha256').update(identity).digest('hex').slice(0, 24);
}

function fromRecord(record: SourceRecord, replay: boolean): ProcessedObject {
  return {
    outcome: record.outcome,
    version: record.version,
    record: record.record,
    url: record.url,
    docId: record.docId,
    distance: record.distance,
    paragraphOverlap: record.paragraphOverlap,
    containment: record.containment,
    code: record.code,
    reason: record.reason,
    site: record.site,
    learnedChromeRemoved: record.learnedChromeRemoved,
    replay,
  };
}

/** Identity of a document as recorded (no bytes). */
function identityOf(doc: SourceRef): SourceRef {
  return { bucket: doc.bucket, key: doc.key, version: doc.version, record: doc.record, url: doc.url };
}

/** The store the deps name: the injected one, else a DynamoStore on the client and table. */
function storeFor(deps: DeciderDeps, options: DedupOptions): RecordStore & DedupIndex {
  if (deps.store) return deps.store;
  if (!deps.dynamo || deps.tableName === undefined) throw new Error('a store, or a DynamoDB client and table name, is required');
  return new DynamoStore({ client: deps.dynamo, tableName: deps.tableName, options });
}

/** Records a rejection of one document (or of an object no document could be read from). */
async function recordRejection(store: RecordStore, source: SourceRef, code: string, reason: string, clock: () => Date): Promise<ProcessedObject> {
  const record: SourceRecord = {
    ...identityOf(source),
    outcome: OUTCOMES.rejected,
    code,
    reason,
    site: siteOf(source.url, source.key),
    processedAt: clock().toISOString(),
  };
  await store.putSource(record);
  return fromRecord(record, false);
}

/**
 * Builds the "document -> decision" step: clean, learned chrome, dedup under index leases,
 * record. Readers (lambdas/readers/) feed it one document per record.
 *
 * @example
 * const decideDocument = createDocumentDecider({ store });
 * await decideDocument({ bucket: 'scrapes', key: 'incoming/a.warc', version: 'e1', record: '1024', url, bytes, hints: { contentType: 'text/html' } });
 */
export function createDocumentDecider(deps: DeciderDeps): DocumentDecider {
  const options = resolveDedupOptions(deps.dedupOptions);
  const store = storeFor(deps, options);
  const clean: Cleaner = deps.clean ?? ((bytes, hints) => cleanScrape(bytes, hints));
  const clock = deps.clock ?? (() => new Date());

  async function decideUnderLeases(docId: string, doc: Comparable & ParagraphView, firstSeen: string, source: SourceRef, site: string, about: { readonly title: string; readonly language?: string; readonly learnedChromeRemoved: number }): Promise<{ decision: MatchDecision; candidates: number; firstSeen: string }> {
    const keys = indexKeysFor(doc, options);
    // Fast path, no lease: a match with an article already committed makes this document a
    // duplicate whatever else happens concurrently (only canonical decisions need the leases,
    // see docs/architecture.md). Eventually consistent reads at half the cost: a stale read can
    // only miss a match (the lease path then finds it), never invent one. Most re-scraped pages
    // end here with reads only.
    const holder = `${docId}:${randomUUID()}`;
    const started = Date.now();
    let lease: IndexLease | undefined;
    while (!lease) {
      const seen = await store.lookUp(keys);
      // Empty buckets (a new article, the common case for canonicals) need no further read.
      const found = seen.docIds.length > 0 ? await store.getSummaries(seen.docIds, { consistent: false }) : [];
      if (!found.some((summary) => summary.docId === docId)) {
        const early = decide(doc, found, options);
        if (early.kind === 'duplicate') return { decision: early, candidates: found.length, firstSeen };
      }
      // Wait for busy leases in short rounds and look again in between: when a concurrent
      // near-duplicate holds them, its commit usually settles this document as a duplicate.
      const remaining = options.leaseMaxWaitMs - (Date.now() - started);
      try {
        lease = await store.lock(keys, holder, Math.max(0, Math.min(remaining, options.leaseRetryBaseMs * LEASE_ROUND_FACTOR)), seen.saturated);
      } catch (error) {
        if (!(error instanceof LeaseBusyError)) throw error;
        // The message tells the whole wait, not the last round's.
        if (remaining <= 0) throw new LeaseBusyError(error.key, Date.now() - started, error.heldUntil);
      }
    }
    const held = lease;
    let committing = false;
    try {
      // Every id the buckets listed is a candidate once its article is committed: articles
      // registered earlier, and those of holders whose leases lapsed (they registered with their
      // leases; if their article exists they finished it, the roll-forward of docs/architecture.md).
      // This document's own article is read only when an earlier attempt may have committed it.
      const ids = held.mayHaveCommitted ? [docId, ...held.listed] : [...held.listed];
      const summaries = await store.getSummaries(ids);
      // A retry after a crash finds its own article already committed: it was canonical, and it
      // is registered (with its leases); nothing is left to do in the index.
      const own = summaries.find((summary) => summary.docId === docId);
      if (own) return { decision: { kind: 'canonical' }, candidates: held.listed.length, firstSeen: own.firstSeen };
      const candidates = summaries.filter((summary) => summary.docId !== docId);
      const decision = decide(doc, candidates, options);
      if (decision.kind === 'canonical') {
        await store.putCanonical(
          {
            docId,
            title: about.title,
            language: about.language,
            text: doc.text,
            fingerprint: doc.fingerprint,
            paragraphFingerprints: doc.paragraphFingerprints,
            sketch: shingleSketch(doc.paragraphs, options.shingleWidth, options.sketchMaxHashes),
            removed: doc.removed,
            site,
            firstSeen,
            source,
            learnedChromeRemoved: about.learnedChromeRemoved,
          },
          // Past this check a failure leaves the leases to lapse: the article item may have been
          // written (a lost response), and releasing would let a near-duplicate in before it shows.
          async () => {
            await store.assertHeld(held);
            committing = true;
          },
        );
      } else {
        await store.release(held);
      }
      return { decision, candidates: candidates.length, firstSeen };
    } catch (error) {
      if (!committing && !(error instanceof LeaseLostError)) await store.release(held).catch(() => undefined);
      throw error;
    }
  }

  /** Step "record": sources of the article, paragraph counts, then the source record, last. */
  async function recordOutcome(docId: string, source: SourceRef, site: string, doc: ReturnType<typeof applyLearnedChrome>, learnedChromeRemoved: number, decided: { decision: MatchDecision; firstSeen: string }, now: string): Promise<SourceRecord> {
    const { decision, firstSeen } = decided;
    if (decision.kind === 'canonical') {
      // Only distinct articles count towards a site's recurring paragraphs: a re-rendering of
      // the same article must not turn its own paragraphs into "chrome".
      await store.recordParagraphs(docId, site, doc.paragraphs, doc.paragraphFingerprints, firstSeen);
      // The article item already names its own source: no separate source-of-article item.
      return { ...source, outcome: OUTCOMES.canonical, docId, site, learnedChromeRemoved, processedAt: now };
    }
    const target = decision.of.docId;
    await store.addSource(target, source, now);
    let outcome: Outcome = OUTCOMES.duplicate;
    if (decision.similarity.distance === 0 && source.record === undefined) {
      const versions = await store.listSourceVersions(source.bucket, source.key);
      if (versions.some((version) => version.version !== source.version && version.docId === target)) outcome = OUTCOMES.unchanged;
    }
    return {
      ...source,
      outcome,
      docId: target,
      distance: decision.similarity.distance,
      paragraphOverlap: Math.round(decision.similarity.paragraphOverlap * 1000) / 1000,
      containment: Math.round(decision.similarity.containment * 1000) / 1000,
      site,
      learnedChromeRemoved,
      processedAt: now,
    };
  }

  return async (input) => {
    const source = identityOf(input);
    // Records of a multi-document object are checked here; a single file was already checked
    // by the object step before it was fetched.
    if (source.record !== undefined) {
      const done = await store.getSource(source.bucket, source.key, source.version, source.record);
      if (done) return fromRecord(done, true);
    }
    // Step "clean": input that is not an article is an outcome to record, not a failure to retry.
    let cleaned: CleanDocument;
    try {
      cleaned = await clean(input.bytes, input.hints);
      // Before the first write: a document that cannot be recorded whole is refused (issue 10).
      checkDocumentLimits(cleaned);
    } catch (error) {
      if (error instanceof InputRejectedError) return recordRejection(store, source, error.code, error.message, clock);
      throw error;
    }
    if (cleaned.paragraphs.length === 0) return recordRejection(store, source, 'empty', 'no paragraph left after cleaning', clock);

    // Step "learned chrome": the site's recurring paragraphs are removed before matching.
    // Without a URL of its own, an HTML page is attributed to its declared canonical URL's site.
    const site = siteOf(source.url ?? cleaned.canonicalUrl, source.key);
    const docId = articleIdFor(source.bucket, source.key, source.version, source.record);
    const siteCounts = await store.siteParagraphCounts(site, cleaned.paragraphFingerprints, docId);
    const kept = applyLearnedChrome(cleaned, siteCounts, options.learnedChromeMinDocs);
    // Compared in full; the stored article keeps a capped sample (see shingleSketch).
    const doc = { ...kept, sketch: shingleSketch(kept.paragraphs, options.shingleWidth, Number.POSITIVE_INFINITY) };
    const learnedChromeRemoved = doc.removed.length - cleaned.removed.length;
    const now = clock().toISOString();

    // Step "dedup", then step "record" (the source record written last: its presence is what
    // makes a redelivery a no-op).
    const decided = await decideUnderLeases(docId, doc, now, source, site, { title: cleaned.title, language: cleaned.language, learnedChromeRemoved });
    const record = await recordOutcome(docId, source, site, doc, learnedChromeRemoved, decided, now);
    await store.putSource(record);
    return { ...fromRecord(record, false), candidates: decided.candidates, stats: statsOf(doc, siteCounts) };
  };
}

/** The crawl format a key names by its extension (`.warc[.gz]`, `.jsonl`/`.ndjson[.gz]`), if any. */
function crawlFormatOf(key: string): 'warc' | 'jsonl' | undefined {
  const format = detectObjectFormat(key, undefined, new Uint8Array(0));
  return format === 'single' ? undefined : format;
}

/**
 * Builds the processor of the queue messages that name ranges of a crawl file's records
 * (fan-out, lambdas/process-crawl.ts), on the same decision step as whole objects.
 *
 * @example
 * const processRange = createRangeProcessor({ s3, dynamo, tableName: 'records' });
 * await processRange({ scrapeDedup: 'records', bucket, key, version, format: 'warc', start: 0, end: 52_000 });
 */
export function createRangeProcessor(deps: ProcessorDeps): (message: CrawlRangeMessage, timeLeft?: TimeLeft) => Promise<CrawlProcessed> {
  const store = storeFor(deps, resolveDedupOptions(deps.dedupOptions));
  const clock = deps.clock ?? (() => new Date());
  const decideDocument = createDocumentDecider({ ...deps, store });
  return createCrawlProcessor({ s3: deps.s3, store, decideDocument, clock, logger: deps.logger, readerOptions: deps.readerOptions, fanOut: deps.fanOut }).processMessage;
}

/**
 * Builds the per-object processor: the "object -> documents" step (replay check, size limit,
 * fetch, read) feeding the "document -> decision" step.
 *
 * @example
 * const process = createObjectProcessor({ s3, dynamo, tableName: 'records' });
 * const result = await process({ bucket: 'scrapes', key: 'incoming/a.html' });
 * result.outcome; // 'canonical' | 'duplicate' | 'unchanged' | 'rejected'
 */
export function createObjectProcessor(deps: ProcessorDeps): ObjectProcessor {
  const options = resolveDedupOptions(deps.dedupOptions);
  const store = storeFor(deps, options);
  const clock = deps.clock ?? (() => new Date());
  const decideDocument = createDocumentDecider({ ...deps, store });
  const crawl = createCrawlProcessor({ s3: deps.s3, store, decideDocument, clock, logger: deps.logger, readerOptions: deps.readerOptions, fanOut: deps.fanOut });

  const reject = (ref: ObjectRef, version: string, url: string | undefined, code: string, reason: string): Promise<ProcessedObject> =>
    recordRejection(store, { bucket: ref.bucket, key: ref.key, version, url }, code, reason, clock);

  return async (ref) => {
    // A redelivered event for a version already recorded changes nothing.
    const eventVersion = ref.versionId ?? normalizeETag(ref.eTag);
    if (eventVersion !== undefined) {
      const done = await store.getSource(ref.bucket, ref.key, eventVersion);
      if (done) return fromRecord(done, true);
      if (deps.maxObjectBytes !== undefined && ref.size !== undefined && ref.size > deps.maxObjectBytes) {
        if (crawlFormatOf(ref.key) === undefined) return reject(ref, eventVersion, undefined, TOO_LARGE_CODE, `object is ${ref.size} bytes, the limit is ${deps.maxObjectBytes}`);
      }
    }
    // Crawl files named as such are streamed record by record: no object size limit, one per record.
    const crawlFormat = crawlFormatOf(ref.key);
    if (crawlFormat !== undefined) return crawl.processObject(ref, crawlFormat);
    let object: FetchedObject;
    try {
      // With a size limit, an oversized object is refused from its headers, never downloaded.
      object = await fetchObject(deps.s3, ref, { maxBytes: deps.maxObjectBytes });
    } catch (error) {
      // Deleted between the event and now: no retry can bring it back, so the event gets a
      // recorded outcome instead of cycling to the dead-letter queue. The record's version is
      // marked so an identical re-upload (same ETag) is still processed, not taken as a replay.
      if (isObjectMissing(error)) {
        return reject(ref, `${eventVersion ?? 'unknown'}${MISSING_VERSION_SUFFIX}`, undefined, OBJECT_MISSING_CODE, `the object was deleted before it could be processed (${(error as Error).name})`);
      }
      throw error;
    }
    if (object.version !== eventVersion) {
      const done = await store.getSource(ref.bucket, ref.key, object.version);
      if (done) return fromRecord(done, true);
    }
    if (deps.maxObjectBytes !== undefined && object.size > deps.maxObjectBytes) {
      return reject(ref, object.version, object.url, TOO_LARGE_CODE, `object is ${object.size} bytes, the limit is ${deps.maxObjectBytes}`);
    }
    // A crawl file recognised by its content type or bytes rather than its name.
    const format = detectObjectFormat(ref.key, object.contentType, object.bytes.subarray(0, FORMAT_SNIFF_BYTES));
    if (format !== 'single') return crawl.processObject(ref, format, { bytes: object.bytes, version: object.version });
    const documents = readDocuments(object, ref);
    const results: ProcessedObject[] = [];
    for (const document of documents) results.push(await decideDocument(document));
    return results[0]!;
  };
}
