// Reads one queue message (or one direct S3 record) into the objects it names. Each message is
// parsed on its own, so one unusable message fails alone instead of failing its whole batch.
import type { ObjectRef } from './adapters/s3-source.js';
import { isCrawlRangeMessage } from './process-crawl.js';
import type { CrawlRangeMessage } from './process-crawl.js';

/**
 * A message that can never name an object, whatever the retry: its body is not JSON, not an
 * S3 notification, or a record in it is malformed. The handler reports it as a batch item
 * failure (it reaches the dead-letter queue and its alarm) with this reason in the log.
 */
export class UnusableMessageError extends Error {
  constructor(readonly reason: string) {
    super(`unusable message: ${reason}`);
    this.name = 'UnusableMessageError';
  }
}

/** What one message holds. */
export type QueueMessage =
  /** S3's `s3:TestEvent`, sent when notifications are configured: acknowledged, names nothing. */
  | { readonly kind: 's3-test-event' }
  /**
   * An S3 notification: the objects created. `problems` lists records that could not be read
   * (the usable ones still run; the message is then failed with these reasons).
   */
  | { readonly kind: 's3-objects'; readonly refs: readonly ObjectRef[]; readonly problems: readonly string[] }
  /** Fan-out of a crawl file (lambdas/process-crawl.ts): plan it, or process a range of its records. */
  | { readonly kind: 'crawl-range'; readonly message: CrawlRangeMessage }
  /**
   * One object named by the backfill (lib/backfill.ts, a Step Functions Distributed Map over an
   * S3 listing): the key as listed, not URL-encoded.
   */
  | { readonly kind: 'backfill-object'; readonly ref: ObjectRef };

/** Longest piece of a bad key or body quoted in a reason (log lines stay short). */
const QUOTE_CHARS = 120;

const quote = (text: string): string => JSON.stringify(text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text);

/**
 * Decodes an S3 event key: S3 URL-encodes keys in notifications with `+` for spaces.
 *
 * @throws URIError for a malformed percent escape (`%E0%A4%A`).
 * @example
 * decodeS3Key('incoming/my+page%281%29.html'); // 'incoming/my page(1).html'
 */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Reads the S3 records of a notification. Creations become object references; other events
 * (deletions) are skipped; a record that is not an S3 record, or whose key cannot be decoded,
 * becomes a problem.
 *
 * @example
 * s3RecordRefs([{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key: 'incoming/a.txt' } } }]);
 * // { refs: [{ bucket: 'b', key: 'incoming/a.txt', ... }], problems: [] }
 */
export function s3RecordRefs(records: readonly unknown[]): { refs: ObjectRef[]; problems: string[] } {
  const refs: ObjectRef[] = [];
  const problems: string[] = [];
  records.forEach((record, index) => {
    if (!isObject(record)) {
      problems.push(`record ${index} is ${record === null ? 'null' : typeof record}, not an S3 record`);
      return;
    }
    const eventName = record.eventName;
    // Only object creations name content to process (deletions do not).
    if (typeof eventName === 'string' && !eventName.startsWith('ObjectCreated')) return;
    const s3 = isObject(record.s3) ? record.s3 : undefined;
    const bucket = s3 && isObject(s3.bucket) ? optionalString(s3.bucket.name) : undefined;
    const object = s3 && isObject(s3.object) ? s3.object : undefined;
    const rawKey = object?.key;
    if (bucket === undefined || typeof rawKey !== 'string' || rawKey === '') {
      problems.push(`record ${index} names no bucket and key (no s3.bucket.name or s3.object.key)`);
      return;
    }
    let key: string;
    try {
      key = decodeS3Key(rawKey);
    } catch {
      problems.push(`record ${index} key ${quote(rawKey)} has a malformed percent escape`);
      return;
    }
    const size = object!.size;
    refs.push({
      bucket,
      key,
      versionId: optionalString(object!.versionId),
      eTag: optionalString(object!.eTag),
      size: typeof size === 'number' && Number.isFinite(size) && size >= 0 ? size : undefined,
    });
  });
  return { refs, problems };
}

/**
 * Parses one SQS message body.
 *
 * @throws UnusableMessageError when the body is not JSON, not an S3 notification, or none of
 *   its records can be read.
 * @example
 * parseQueueMessage('{"Event":"s3:TestEvent"}'); // { kind: 's3-test-event' }
 */
export function parseQueueMessage(body: string): QueueMessage {
  if (typeof body !== 'string') throw new UnusableMessageError(`body is ${body === null ? 'null' : typeof body}, not text`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new UnusableMessageError(`body is not JSON: ${quote(body)}`);
  }
  if (!isObject(parsed)) {
    throw new UnusableMessageError(`body is ${quote(JSON.stringify(parsed) ?? String(parsed))}, not an S3 notification`);
  }
  if (parsed.Event === 's3:TestEvent') return { kind: 's3-test-event' };
  if (parsed.scrapeDedup !== undefined) return scrapeDedupMessage(parsed);
  if (!Array.isArray(parsed.Records)) throw new UnusableMessageError('body has no Records list: not an S3 notification');
  const { refs, problems } = s3RecordRefs(parsed.Records);
  if (refs.length === 0 && problems.length > 0) throw new UnusableMessageError(problems.join('; '));
  return { kind: 's3-objects', refs, problems };
}

/** Messages the pipeline sends itself: crawl-file ranges and backfilled objects. */
function scrapeDedupMessage(parsed: Record<string, unknown>): QueueMessage {
  if (isCrawlRangeMessage(parsed)) return { kind: 'crawl-range', message: parsed };
  if (parsed.scrapeDedup === 'object') {
    const bucket = optionalString(parsed.bucket);
    const key = optionalString(parsed.key);
    if (bucket === undefined || key === undefined) throw new UnusableMessageError('backfill message names no bucket and key');
    const size = parsed.size;
    return {
      kind: 'backfill-object',
      ref: { bucket, key, eTag: optionalString(parsed.eTag), versionId: optionalString(parsed.versionId), size: typeof size === 'number' && Number.isFinite(size) && size >= 0 ? size : undefined },
    };
  }
  throw new UnusableMessageError(`unknown scrapeDedup message ${quote(JSON.stringify(parsed))}`);
}
