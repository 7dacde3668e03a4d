// Runs files through the pipeline as S3 would: upload each under the incoming prefix, deliver
// the S3 notification (inside an SQS message) to the handler, then read the outcome the
// pipeline recorded. Against a deployed stack, nothing is delivered: the stack's own queue
// and function do the work, and the outcome is polled from its table.
import { open, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { normalizeETag } from '../../lambdas/adapters/s3-source.js';
import type { ObjectStats, ProcessedObject } from '../../lambdas/process-object.js';
import type { CrawlProcessed, RecordTotals } from '../../lambdas/process-crawl.js';
import { detectObjectFormat, FORMAT_SNIFF_BYTES, readObject } from '../../lambdas/readers/read-object.js';
import type { ObjectFormat } from '../../lambdas/readers/types.js';
import type { OutcomeDetails, SourceRecord } from '../../lambdas/dedup/types.js';
import { s3PutEvent, sqsEventFor } from './s3-event.js';
import type { InputFile } from './input-files.js';

/** What a file came to. `failed` means no outcome could be recorded (the exit code says so). */
export type IngestStatus = 'canonical' | 'duplicate' | 'unchanged' | 'rejected' | 'failed';

/** Characters and paragraphs of one processed file, as the processor reported them. */
export type FileStats = ObjectStats;

/** The result of one file, as printed by `ingest`. */
export interface IngestResult {
  readonly file: InputFile;
  readonly status: IngestStatus;
  /** The record of this file's own article (canonical files only; `show` it). */
  readonly docId?: string;
  /** The canonical article this file belongs to (itself when canonical). */
  readonly canonicalId?: string;
  /** Fingerprint distance to the canonical, in bits (duplicate, unchanged). */
  readonly distance?: number;
  /** Why it was rejected or failed; what it was before, for `unchanged`. */
  readonly reason?: string;
  /** Paragraphs removed as the site's learned chrome (recurring across its articles). */
  readonly learnedChrome?: number;
  readonly stats?: FileStats;
  /** Crawl files (WARC, JSON Lines): the file's layout, each record's result and the totals. */
  readonly format?: ObjectFormat;
  readonly records?: readonly RecordResult[];
  readonly totals?: RecordTotals;
}

/** The result of one record of a crawl file. */
export interface RecordResult extends Omit<IngestResult, 'file' | 'records' | 'totals' | 'format'> {
  /** The record's position: its byte offset (WARC) or `line:<n>` (JSON Lines). */
  readonly record: string;
  readonly url?: string;
}

/** The processor's report for one object. */
export type ObservedResult = ProcessedObject;

/** Where files go and how their outcome comes back. */
export interface IngestTarget {
  readonly s3: S3Client;
  readonly bucket: string;
  readonly incomingPrefix: string;
  /** The recorded outcome of one object version (the store's `getSource`). */
  readonly getSource: (bucket: string, key: string, version: string, record?: string) => Promise<SourceRecord | undefined>;
  /**
   * Hands an event to the handler and returns its partial-batch answer (embedded stack).
   * Absent for a deployed stack, whose bucket notification delivers the event itself.
   */
  readonly deliver?: (event: SQSEvent) => Promise<SQSBatchResponse>;
  /** What the processor last returned or threw for a key (embedded stack; see observeProcessor). */
  readonly observed?: (key: string) => { result?: ObservedResult; error?: unknown } | undefined;
}

/** Tunables of a run. */
export interface IngestRunOptions {
  /** Files processed at once. */
  readonly concurrency: number;
  /** Deliveries of one event before the file counts as failed (SQS's receive count). */
  readonly maxDeliveries: number;
  /** Deployed stack only: how long to wait for the pipeline to record an outcome. */
  readonly remoteWaitMs: number;
  /** Deployed stack only: pause between two reads of the outcome. */
  readonly remotePollMs: number;
  /** Called as each file finishes, in completion order. */
  readonly onResult?: (result: IngestResult, index: number) => void;
}

/**
 * Content types for common scrape extensions, as `aws s3 cp` guesses them from the name. The
 * pipeline treats them as hints only (it sniffs the bytes), so an unknown extension gets none.
 */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xhtml': 'application/xhtml+xml',
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.warc': 'application/warc',
  '.jsonl': 'application/x-ndjson',
  '.ndjson': 'application/x-ndjson',
};

/**
 * The content type `aws s3 cp` would send for a file name, or `undefined`.
 *
 * @example
 * contentTypeFor('page.HTML'); // 'text/html'
 */
export function contentTypeFor(name: string): string | undefined {
  return CONTENT_TYPES[extname(name).toLowerCase()];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Turns a recorded source record into the row `ingest` prints. `existedBefore` is true when
 * this exact object version had been processed before this run uploaded it: the pipeline
 * changed nothing, so the file is `unchanged` whatever it was the first time.
 *
 * @example
 * resultFromRecord(file, { outcome: 'duplicate', docId: 'ab12', distance: 3, ... }, false);
 * // { status: 'duplicate', canonicalId: 'ab12', distance: 3, ... }
 */
export function resultFromRecord(file: InputFile, record: OutcomeDetails, existedBefore: boolean, stats?: FileStats): IngestResult;
export function resultFromRecord(file: undefined, record: OutcomeDetails, existedBefore: boolean, stats?: FileStats): Omit<IngestResult, 'file'>;
export function resultFromRecord(file: InputFile | undefined, record: OutcomeDetails, existedBefore: boolean, stats?: FileStats): IngestResult | Omit<IngestResult, 'file'> {
  const status: IngestStatus = existedBefore ? 'unchanged' : record.outcome;
  const canonicalId = record.outcome === 'rejected' ? undefined : record.docId;
  return {
    ...(file === undefined ? {} : { file }),
    status,
    // Only a canonical file has a record of its own; a duplicate is a source of its canonical.
    docId: record.outcome === 'canonical' ? record.docId : undefined,
    canonicalId,
    distance: record.outcome === 'duplicate' || record.outcome === 'unchanged' ? record.distance : undefined,
    reason: existedBefore ? `already processed: ${record.outcome}` : record.outcome === 'rejected' ? record.reason ?? record.code : undefined,
    learnedChrome: existedBefore ? undefined : record.learnedChromeRemoved || undefined,
    stats,
  };
}

/** The layout of a local file, decided as the pipeline decides it (name, type, first bytes). */
async function formatOfFile(file: InputFile): Promise<ObjectFormat> {
  const handle = await open(file.path);
  try {
    const head = new Uint8Array(FORMAT_SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, FORMAT_SNIFF_BYTES, 0);
    return detectObjectFormat(file.key, contentTypeFor(file.path), head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * The records of a local crawl file that get an outcome (pages and rejected records), read
 * with the pipeline's own reader, and the number skipped: what to look up in the table.
 */
async function recordsOfFile(file: InputFile, format: 'warc' | 'jsonl'): Promise<{ positions: { record: string; url?: string }[]; skipped: number }> {
  const { createReadStream } = await import('node:fs');
  const positions: { record: string; url?: string }[] = [];
  let skipped = 0;
  for await (const item of readObject({ format, stream: createReadStream(file.path) })) {
    if (item.kind === 'skipped') skipped += 1;
    else positions.push({ record: item.record!, ...(item.url === undefined ? {} : { url: item.url }) });
  }
  return { positions, skipped };
}

/** The record results of a crawl file as the processor reported them (embedded stack). */
function recordResultsOf(processed: CrawlProcessed): RecordResult[] {
  return processed.records.map((record) => {
    const row = resultFromRecord(undefined, { ...record, bucket: '', key: '', processedAt: '' } as SourceRecord, record.replay === true, record.replay ? undefined : record.stats);
    return { ...row, record: record.record ?? '', ...(record.url === undefined ? {} : { url: record.url }) };
  });
}

/** One file's row for a crawl file: its records, the totals, and a status that sums them up. */
function crawlFileResult(file: InputFile, format: ObjectFormat, records: readonly RecordResult[], skipped: number): IngestResult {
  const count = (status: IngestStatus): number => records.filter((r) => r.status === status).length;
  const totals: RecordTotals = { canonical: count('canonical'), duplicate: count('duplicate'), unchanged: count('unchanged'), rejected: count('rejected'), skipped };
  const status: IngestStatus = count('failed') > 0 ? 'failed' : (['canonical', 'duplicate', 'unchanged', 'rejected'] as const).find((s) => count(s) > 0) ?? 'rejected';
  const sum = (pick: (s: FileStats) => number): number => records.reduce((total, r) => total + (r.stats ? pick(r.stats) : 0), 0);
  const withStats = records.some((r) => r.stats !== undefined);
  return {
    file,
    status,
    format,
    records,
    totals,
    ...(records.length === 0 ? { reason: `no record to process (${skipped} skipped)` } : {}),
    ...(withStats ? { stats: { keptChars: sum((s) => s.keptChars), strippedChars: sum((s) => s.strippedChars), newParagraphs: sum((s) => s.newParagraphs), seenParagraphs: sum((s) => s.seenParagraphs) } } : {}),
  };
}

/** An uploaded file: its size and the identity S3 gave the object version. */
interface Uploaded {
  readonly size: number;
  readonly eTag?: string;
  readonly versionId?: string;
  /** The store's identity of an object version: the version id when versioned, else the ETag. */
  readonly version: string;
}

async function upload(file: InputFile, target: IngestTarget): Promise<Uploaded | undefined> {
  const bytes = await readFile(file.path);
  const put = await target.s3.send(
    new PutObjectCommand({ Bucket: target.bucket, Key: file.key, Body: bytes, ContentType: contentTypeFor(file.path) }),
  );
  const eTag = normalizeETag(put.ETag);
  const versionId = put.VersionId && put.VersionId !== 'null' ? put.VersionId : undefined;
  const version = versionId ?? eTag;
  return version === undefined ? undefined : { size: bytes.byteLength, eTag, versionId, version };
}

const NO_VERSION = 'the bucket returned neither an ETag nor a version id';

/**
 * Delivers the upload's S3 notification to the embedded handler up to `maxDeliveries` times,
 * as SQS redelivers a failed message; `settle` turns a successful delivery into the result
 * (or `undefined` to count it as failed).
 */
async function deliverUpload(
  file: InputFile,
  uploaded: Uploaded,
  target: IngestTarget & { deliver: NonNullable<IngestTarget['deliver']> },
  options: IngestRunOptions,
  settle: (observed: ReturnType<NonNullable<IngestTarget['observed']>>, delivery: number) => Promise<IngestResult | undefined>,
): Promise<IngestResult> {
  const notification = s3PutEvent({ bucket: target.bucket, key: file.key, size: uploaded.size, eTag: uploaded.eTag, versionId: uploaded.versionId });
  let lastFailure = 'the handler reported the message as failed';
  for (let delivery = 1; delivery <= options.maxDeliveries; delivery += 1) {
    const event = sqsEventFor(notification);
    // Later deliveries carry the receive count SQS would show on a retry.
    event.Records[0]!.attributes.ApproximateReceiveCount = String(delivery);
    try {
      const response = await target.deliver(event);
      const observed = target.observed?.(file.key);
      if (response.batchItemFailures.length === 0) {
        const result = await settle(observed, delivery);
        if (result) return result;
      }
      if (observed?.error !== undefined) lastFailure = errorMessage(observed.error);
    } catch (error) {
      lastFailure = errorMessage(error);
    }
  }
  return { file, status: 'failed', reason: `${lastFailure} (after ${options.maxDeliveries} deliveries)` };
}

async function ingestOne(file: InputFile, target: IngestTarget, options: IngestRunOptions): Promise<IngestResult> {
  const format = await formatOfFile(file);
  if (format !== 'single') return ingestCrawlFile(file, format, target, options);
  const uploaded = await upload(file, target);
  if (!uploaded) return { file, status: 'failed', reason: NO_VERSION };
  const { version } = uploaded;
  const { deliver } = target;
  // A handler we watch (the embedded stack) returns after it has written the source record, with
  // the same outcome: the record is read neither before delivering nor after (two of about
  // fifteen requests per document, issue 16). One we cannot watch (a deployed stack, a stand-in):
  // the table says what existed before and what came out.
  const before = deliver && target.observed ? undefined : await target.getSource(target.bucket, file.key, version);
  if (!deliver) return awaitRemoteOutcome(file, target, version, before !== undefined, options);
  return deliverUpload(file, uploaded, { ...target, deliver }, options, async (seen, delivery) => {
    const processed = seen?.result;
    if (processed !== undefined && processed.record === undefined) {
      // A replay at the first delivery: recorded before this upload ("unchanged"); at a later
      // one it may be this run's own earlier delivery.
      return resultFromRecord(file, processed, processed.replay === true && delivery === 1, processed.replay === true ? undefined : processed.stats);
    }
    const record = await target.getSource(target.bucket, file.key, version);
    if (!record) return { file, status: 'failed', reason: 'the handler succeeded but recorded no outcome' };
    return resultFromRecord(file, record, before !== undefined, processed?.replay ? undefined : processed?.stats);
  });
}

/**
 * A crawl file: uploaded and delivered like any file; its records' outcomes come from the
 * processor's report (embedded stack) or, for a deployed stack, from the table, record by
 * record, the positions read locally with the pipeline's reader.
 */
async function ingestCrawlFile(file: InputFile, format: 'warc' | 'jsonl', target: IngestTarget, options: IngestRunOptions): Promise<IngestResult> {
  const uploaded = await upload(file, target);
  if (!uploaded) return { file, status: 'failed', format, reason: NO_VERSION };
  const { deliver } = target;
  if (!deliver) return awaitRemoteRecords(file, format, target, uploaded.version, options);
  const result = await deliverUpload(file, uploaded, { ...target, deliver }, options, async (observed) => {
    const processed = observed?.result as CrawlProcessed | undefined;
    return processed?.records ? crawlFileResult(file, format, recordResultsOf(processed), processed.totals.skipped) : undefined;
  });
  return { ...result, format };
}

async function awaitRemoteRecords(file: InputFile, format: 'warc' | 'jsonl', target: IngestTarget, version: string, options: IngestRunOptions): Promise<IngestResult> {
  const { positions, skipped } = await recordsOfFile(file, format);
  const found = new Map<string, RecordResult>();
  const deadline = Date.now() + options.remoteWaitMs;
  for (;;) {
    for (const position of positions) {
      if (found.has(position.record)) continue;
      const record = await target.getSource(target.bucket, file.key, version, position.record);
      if (record) found.set(position.record, { ...resultFromRecord(undefined, record, false), record: position.record, ...(position.url === undefined ? {} : { url: position.url }) });
    }
    if (found.size === positions.length || Date.now() >= deadline) break;
    await sleep(options.remotePollMs);
  }
  const records = positions.map(
    (position) => found.get(position.record) ?? { record: position.record, ...(position.url === undefined ? {} : { url: position.url }), status: 'failed' as const, reason: `no outcome recorded within ${Math.round(options.remoteWaitMs / 1000)} s` },
  );
  return crawlFileResult(file, format, records, skipped);
}

async function awaitRemoteOutcome(file: InputFile, target: IngestTarget, version: string, existedBefore: boolean, options: IngestRunOptions): Promise<IngestResult> {
  const deadline = Date.now() + options.remoteWaitMs;
  for (;;) {
    const record = await target.getSource(target.bucket, file.key, version);
    if (record) return resultFromRecord(file, record, existedBefore);
    if (Date.now() >= deadline) {
      return { file, status: 'failed', reason: `no outcome recorded within ${Math.round(options.remoteWaitMs / 1000)} s (is the bucket notification on ${target.incomingPrefix}?)` };
    }
    await sleep(options.remotePollMs);
  }
}

/**
 * Ingests files in order, `concurrency` at a time; results come back in the files' order.
 * A file that cannot be read, uploaded or processed is a `failed` result, never a throw.
 *
 * @example
 * const results = await ingestFiles(files, target, { concurrency: 1, maxDeliveries: 3, remoteWaitMs: 60_000, remotePollMs: 1000 });
 * results.filter((r) => r.status === 'failed').length; // 0
 */
export async function ingestFiles(files: readonly InputFile[], target: IngestTarget, options: IngestRunOptions): Promise<IngestResult[]> {
  const results: IngestResult[] = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next;
      next += 1;
      const file = files[index]!;
      let result: IngestResult;
      try {
        result = await ingestOne(file, target, options);
      } catch (error) {
        result = { file, status: 'failed', reason: errorMessage(error) };
      }
      results[index] = result;
      options.onResult?.(result, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, files.length)) }, worker));
  return results;
}
