// Crawl files (WARC, JSON Lines): every record is its own document. The object is streamed
// through its reader (lambdas/readers/) and each document goes to the same decision step as a
// single file; records that are not pages get a rejected outcome or are counted as skipped.
// A large file is fanned out: a planning pass turns it into messages naming ranges of
// records, which any invocation processes with a byte-range read (docs/architecture.md,
// "Crawl files and fan-out").
import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '@aws-lambda-powertools/logger';
import { openObjectStream } from './adapters/s3-stream.js';
import type { ObjectRef } from './adapters/s3-source.js';
import { siteOf } from './dedup/chrome.js';
import { OUTCOMES } from './dedup/types.js';
import type { Outcome, RecordStore, SourceRecord } from './dedup/types.js';
import type { DocumentDecider, ProcessedObject } from './process-object.js';
import { readObject } from './readers/read-object.js';
import type { ObjectSource } from './readers/read-object.js';
import type { ObjectFormat, ReadItem, ReaderOptions } from './readers/types.js';

/** Per-file counts of record outcomes. */
export interface RecordTotals {
  readonly canonical: number;
  readonly duplicate: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** Records that hold no page (WARC request, metadata, warcinfo, revisit; blank lines). */
  readonly skipped: number;
}

/**
 * A message naming work on part of a crawl file, sent to the ingest queue: `plan` reads record
 * positions from `start` and sends `records` messages (and a `plan` for the rest when its byte
 * budget runs out); `records` processes the records that start in [`start`, `end`).
 */
export interface CrawlRangeMessage {
  readonly scrapeDedup: 'plan' | 'records';
  readonly bucket: string;
  readonly key: string;
  /** The identity of the content (version id, else ETag) the records are recorded under. */
  readonly version: string;
  readonly versionId?: string;
  readonly eTag?: string;
  readonly format: 'warc' | 'jsonl';
  readonly start: number;
  /** Exclusive; absent: to the end of the object. */
  readonly end?: number;
  /** JSON Lines: the number of the line at `start`. */
  readonly firstLine?: number;
}

/** Fan-out settings; without them every crawl file is processed in one invocation. */
export interface FanOut {
  /** Sends messages to the ingest queue (SQS SendMessageBatch in Lambda). */
  readonly enqueue: (messages: readonly CrawlRangeMessage[]) => Promise<void>;
  /** Objects at least this large are planned and fanned out instead of read in one go. */
  readonly minObjectBytes: number;
  /** Records per `records` message. */
  readonly recordsPerMessage: number;
  /** Bytes one `plan` message reads before handing the rest to the next `plan` message. */
  readonly planBytesPerMessage: number;
  /** A range stops starting records with less time than this left and sends the rest on. */
  readonly rangeTimeReserveMs: number;
}

/** Milliseconds left in the invocation (Lambda's `getRemainingTimeInMillis`). */
export type TimeLeft = () => number;

export interface CrawlDeps {
  readonly s3: S3Client;
  readonly store: RecordStore;
  readonly decideDocument: DocumentDecider;
  readonly clock: () => Date;
  readonly logger?: Logger;
  readonly readerOptions?: Partial<ReaderOptions>;
  readonly fanOut?: FanOut;
}

/** Messages per SQS SendMessageBatch call (the API's limit). */
const SEND_BATCH = 10;

/** The order in which an object-level outcome summarises its records' (first present wins). */
const SUMMARY_ORDER: readonly Outcome[] = [OUTCOMES.canonical, OUTCOMES.duplicate, OUTCOMES.unchanged, OUTCOMES.rejected];

function totalsOf(records: readonly ProcessedObject[], skipped: number): RecordTotals {
  const count = (outcome: Outcome): number => records.filter((r) => r.outcome === outcome).length;
  return { canonical: count('canonical'), duplicate: count('duplicate'), unchanged: count('unchanged'), rejected: count('rejected'), skipped };
}

/**
 * Is this message body one of ours? (S3 notifications have `Records`; ours `scrapeDedup`.)
 *
 * @example
 * isCrawlRangeMessage(JSON.parse(body)); // true for { scrapeDedup: 'records', ... }
 */
export function isCrawlRangeMessage(body: unknown): body is CrawlRangeMessage {
  const message = body as Partial<CrawlRangeMessage> | null;
  return (
    message !== null &&
    typeof message === 'object' &&
    (message.scrapeDedup === 'plan' || message.scrapeDedup === 'records') &&
    typeof message.bucket === 'string' &&
    typeof message.key === 'string' &&
    typeof message.version === 'string' &&
    (message.format === 'warc' || message.format === 'jsonl') &&
    typeof message.start === 'number'
  );
}

/** What a crawl file (or a range of it) came to. */
export interface CrawlProcessed extends ProcessedObject {
  readonly format: ObjectFormat;
  readonly totals: RecordTotals;
  /** Every record's outcome, in file order (skipped records excluded). */
  readonly records: readonly ProcessedObject[];
  /** Messages sent to the queue instead of processing records here (fan-out). */
  readonly messagesSent?: number;
}

/**
 * Builds the crawl-file processor: whole objects (`processObject`) and queue messages naming
 * ranges of records (`processMessage`).
 *
 * @example
 * const crawl = createCrawlProcessor({ s3, store, decideDocument, clock: () => new Date() });
 * await crawl.processObject(ref, 'warc');
 */
export function createCrawlProcessor(deps: CrawlDeps) {
  const { store, decideDocument } = deps;

  async function rejectRecord(ref: { bucket: string; key: string; version: string }, item: Extract<ReadItem, { kind: 'rejected' }>): Promise<ProcessedObject> {
    const done = await store.getSource(ref.bucket, ref.key, ref.version, item.record);
    if (done) return { ...done, replay: true };
    const record: SourceRecord = {
      bucket: ref.bucket,
      key: ref.key,
      version: ref.version,
      record: item.record,
      ...(item.url === undefined ? {} : { url: item.url }),
      outcome: OUTCOMES.rejected,
      code: item.code,
      reason: item.reason,
      site: siteOf(item.url, ref.key),
      processedAt: deps.clock().toISOString(),
    };
    await store.putSource(record);
    return { ...record, replay: false };
  }

  /** Runs every item of a reader through the decision step; the summary of the lot. */
  async function processItems(
    identity: { bucket: string; key: string; version: string },
    format: ObjectFormat,
    items: AsyncIterable<ReadItem>,
    handOn?: { readonly rest: (item: ReadItem, line: number) => CrawlRangeMessage; readonly timeLeft: TimeLeft },
  ): Promise<CrawlProcessed> {
    const records: ProcessedObject[] = [];
    let skipped = 0;
    let line = 0;
    let messagesSent = 0;
    for await (const item of items) {
      line += 1;
      // Out of time: the rest of the range becomes a new message rather than a timeout that
      // would redo (as replays) everything this invocation already did.
      if (handOn && deps.fanOut && item.kind !== 'skipped' && handOn.timeLeft() < deps.fanOut.rangeTimeReserveMs) {
        await deps.fanOut.enqueue([handOn.rest(item, line)]);
        messagesSent += 1;
        break;
      }
      if (item.kind === 'skipped') {
        skipped += 1;
        continue;
      }
      const result =
        item.kind === 'rejected'
          ? await rejectRecord(identity, item)
          : await decideDocument({ ...identity, record: item.record, ...(item.url === undefined ? {} : { url: item.url }), bytes: item.bytes, hints: item.hints });
      deps.logger?.info('decision', { bucket: identity.bucket, key: identity.key, ...result, stats: undefined });
      records.push(result);
    }
    const totals = totalsOf(records, skipped);
    const outcome = SUMMARY_ORDER.find((o) => records.some((r) => r.outcome === o)) ?? OUTCOMES.rejected;
    return {
      outcome,
      version: identity.version,
      format,
      totals,
      records,
      replay: records.length > 0 && records.every((r) => r.replay === true),
      ...(messagesSent > 0 ? { messagesSent } : {}),
      ...(records.length === 0 && messagesSent === 0 ? { code: 'no-records', reason: `the ${format === 'warc' ? 'WARC' : 'JSON Lines'} file holds no record to process (${skipped} skipped)` } : {}),
    };
  }

  /** Streams the items of an object from `start`; the stream is closed when the caller stops. */
  async function* itemsFrom(ref: ObjectRef, format: 'warc' | 'jsonl', options: Partial<ReaderOptions>): AsyncGenerator<ReadItem> {
    const opened = await openObjectStream(deps.s3, ref, options.startOffset);
    const source: ObjectSource = { format, stream: opened.stream };
    try {
      yield* readObject(source, { ...deps.readerOptions, ...options });
    } finally {
      // Leaving a range early (its end reached) must not leave the HTTP body half read.
      (opened.stream as { destroy?: () => void }).destroy?.();
    }
  }

  /**
   * Whether a record can be read from `offset` on its own: a WARC gzipped whole reports
   * offsets inside one gzip member, which a range read cannot start from.
   */
  async function startsRecordAt(ref: ObjectRef, format: 'warc' | 'jsonl', offset: number): Promise<boolean> {
    if (format === 'jsonl' || offset === 0) return true;
    const opened = await openObjectStream(deps.s3, ref, offset);
    try {
      for await (const chunk of opened.stream) {
        const bytes = chunk as Uint8Array;
        return (bytes[0] === 0x1f && bytes[1] === 0x8b) || new TextDecoder().decode(bytes.subarray(0, 5)) === 'WARC/';
      }
      return false;
    } finally {
      (opened.stream as { destroy?: () => void }).destroy?.();
    }
  }

  async function sendAll(messages: CrawlRangeMessage[], flushAll: boolean): Promise<number> {
    let sent = 0;
    while (messages.length >= SEND_BATCH || (flushAll && messages.length > 0)) {
      const batch = messages.splice(0, SEND_BATCH);
      await deps.fanOut!.enqueue(batch);
      sent += batch.length;
    }
    return sent;
  }

  /**
   * The planning pass: reads record positions from `plan.start`, sends one `records` message
   * per `recordsPerMessage` records, and past `planBytesPerMessage` hands the rest to a new
   * `plan` message. Re-running it sends the same messages again, which change nothing.
   */
  async function planRanges(plan: CrawlRangeMessage): Promise<CrawlProcessed> {
    const fanOut = deps.fanOut!;
    const base = { bucket: plan.bucket, key: plan.key, version: plan.version, versionId: plan.versionId, eTag: plan.eTag, format: plan.format };
    const ref: ObjectRef = { bucket: plan.bucket, key: plan.key, versionId: plan.versionId, eTag: plan.eTag };
    const pending: CrawlRangeMessage[] = [];
    let sent = 0;
    let rangeStart: { offset: number; line: number } | undefined;
    let inRange = 0;
    let line = plan.firstLine ?? 1;
    let probed = plan.start > 0;
    for await (const item of itemsFrom(ref, plan.format, { startOffset: plan.start, firstLine: plan.firstLine })) {
      const offset = item.offset ?? plan.start;
      if (!probed && offset > 0) {
        probed = true;
        // Not splittable (a WARC gzipped whole): read it here, record by record, as a small file is.
        if (!(await startsRecordAt(ref, plan.format, offset))) {
          return processItems({ bucket: plan.bucket, key: plan.key, version: plan.version }, plan.format, itemsFrom(ref, plan.format, {}));
        }
      }
      if (rangeStart && inRange >= fanOut.recordsPerMessage) {
        pending.push({ ...base, scrapeDedup: 'records', start: rangeStart.offset, end: offset, ...(plan.format === 'jsonl' ? { firstLine: rangeStart.line } : {}) });
        rangeStart = undefined;
        inRange = 0;
        sent += await sendAll(pending, false);
        if (offset - plan.start >= fanOut.planBytesPerMessage) {
          pending.push({ ...base, scrapeDedup: 'plan', start: offset, ...(plan.format === 'jsonl' ? { firstLine: line } : {}) });
          sent += await sendAll(pending, true);
          return { outcome: OUTCOMES.canonical, version: plan.version, format: plan.format, totals: totalsOf([], 0), records: [], messagesSent: sent };
        }
      }
      rangeStart ??= { offset, line };
      inRange += 1;
      line += 1;
    }
    if (rangeStart) pending.push({ ...base, scrapeDedup: 'records', start: rangeStart.offset, ...(plan.format === 'jsonl' ? { firstLine: rangeStart.line } : {}) });
    sent += await sendAll(pending, true);
    return { outcome: OUTCOMES.canonical, version: plan.version, format: plan.format, totals: totalsOf([], 0), records: [], messagesSent: sent };
  }

  return {
    /**
     * A whole crawl object named by an S3 event: planned and fanned out when large (and the
     * processor has a queue), else read and decided record by record here. `bytes`, when the
     * object was already read whole, saves a second read.
     */
    async processObject(ref: ObjectRef, format: 'warc' | 'jsonl', read?: { readonly bytes: Uint8Array; readonly version: string }, timeLeft?: TimeLeft): Promise<CrawlProcessed> {
      const opened = read ? undefined : await openObjectStream(deps.s3, ref);
      const version = read?.version ?? opened!.version;
      const identity = { bucket: ref.bucket, key: ref.key, version };
      const size = read?.bytes.byteLength ?? opened?.size ?? ref.size ?? 0;
      // Ranges need seekable record starts: plain JSON Lines, and WARC (plain or gzipped per
      // record; a WARC gzipped whole shows up during planning as records without own members).
      const seekable = format === 'warc' || !isGzipName(ref.key);
      if (deps.fanOut && seekable && size >= deps.fanOut.minObjectBytes) {
        (opened?.stream as { destroy?: () => void } | undefined)?.destroy?.();
        const pinned = { versionId: opened?.versionId ?? ref.versionId, eTag: opened?.eTag ?? ref.eTag };
        return planRanges({ scrapeDedup: 'plan', ...identity, ...pinned, format, start: 0, ...(format === 'jsonl' ? { firstLine: 1 } : {}) });
      }
      const source: ObjectSource = { format, stream: read ? [read.bytes] : opened!.stream };
      const pinned = { versionId: opened?.versionId ?? ref.versionId, eTag: opened?.eTag ?? ref.eTag };
      const rest = (item: ReadItem, line: number): CrawlRangeMessage => ({ scrapeDedup: 'records', ...identity, ...pinned, format, start: item.offset ?? 0, ...(format === 'jsonl' ? { firstLine: line } : {}) });
      // The rest of a file can be handed on only where records can be read from the middle.
      return processItems(identity, format, readObject(source, deps.readerOptions), timeLeft && seekable ? { rest, timeLeft } : undefined);
    },

    /** A `plan` or `records` message from the queue. */
    async processMessage(message: CrawlRangeMessage, timeLeft?: TimeLeft): Promise<CrawlProcessed> {
      if (message.scrapeDedup === 'plan') return planRanges(message);
      const ref: ObjectRef = { bucket: message.bucket, key: message.key, versionId: message.versionId, eTag: message.eTag };
      const items = itemsFrom(ref, message.format, { startOffset: message.start, endOffset: message.end, firstLine: message.firstLine });
      const firstLine = message.firstLine ?? 1;
      const rest = (item: ReadItem, line: number): CrawlRangeMessage => ({ ...message, start: item.offset ?? message.start, ...(message.format === 'jsonl' ? { firstLine: firstLine + line - 1 } : {}) });
      return processItems({ bucket: message.bucket, key: message.key, version: message.version }, message.format, items, timeLeft ? { rest, timeLeft } : undefined);
    },
  };
}

/** True for names ending in `.gz` (a gzipped JSON Lines file cannot be read from the middle). */
function isGzipName(key: string): boolean {
  return /\.gz$/i.test(key);
}
