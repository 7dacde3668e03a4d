// The Lambda entry point: unpacks S3 events (direct or inside SQS messages), processes each
// object once, and reports per-record failures so only those are retried.
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import type { S3Event, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DEFAULT_INCOMING_PREFIX } from './adapters/table-schema.js';
import { AWS_SDK_MAX_ATTEMPTS } from './core/settings.js';
import { createObjectProcessor } from './process-object.js';
import type { ObjectProcessor, ProcessedObject } from './process-object.js';
import type { ObjectRef } from './adapters/s3-source.js';
import type { DedupOptions } from './dedup/options.js';

/** What the handler needs; tests and the local CLI pass local clients. */
export interface HandlerDeps {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  readonly tableName: string;
  /** Only keys under this prefix are processed. @default 'incoming/' */
  readonly incomingPrefix?: string;
  /** Objects larger than this are rejected without being downloaded. @default no limit */
  readonly maxObjectBytes?: number;
  readonly logger?: Logger;
  /** Dedup thresholds; defaults from lambdas/core/settings.ts. */
  readonly dedupOptions?: Partial<DedupOptions>;
  /** Replaces the per-object work (tests). @default createObjectProcessor(deps) */
  readonly processor?: ObjectProcessor;
}

/** One object named by an event record, with the SQS message id it came in (if any). */
export interface ObjectEventRecord {
  readonly ref: ObjectRef;
  /** SQS message id to report on failure; absent for direct S3 invocations. */
  readonly messageId?: string;
}

/** The handler's answer: SQS partial batch response (empty list when everything succeeded). */
export type HandlerResult = SQSBatchResponse;

type IncomingEvent = S3Event | SQSEvent | Record<string, unknown>;

/** Service name in the logs when POWERTOOLS_SERVICE_NAME is not set. */
const DEFAULT_SERVICE_NAME = 'scrape-dedup';

/**
 * Decodes an S3 event key: S3 URL-encodes keys in notifications with `+` for spaces.
 *
 * @example
 * decodeS3Key('incoming/my+page%281%29.html'); // 'incoming/my page(1).html'
 */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

interface S3RecordLike {
  readonly eventSource?: string;
  readonly eventName?: string;
  readonly s3?: {
    readonly bucket?: { readonly name?: string };
    readonly object?: { readonly key?: string; readonly versionId?: string; readonly eTag?: string; readonly size?: number };
  };
}

function refsFromS3Records(records: readonly S3RecordLike[]): ObjectRef[] {
  const refs: ObjectRef[] = [];
  for (const record of records) {
    // Only object creations name content to process (deletions and test events do not).
    if (record.eventName !== undefined && !record.eventName.startsWith('ObjectCreated')) continue;
    const bucket = record.s3?.bucket?.name;
    const key = record.s3?.object?.key;
    if (!bucket || key === undefined) continue;
    refs.push({
      bucket,
      key: decodeS3Key(key),
      versionId: record.s3?.object?.versionId || undefined,
      eTag: record.s3?.object?.eTag || undefined,
      size: record.s3?.object?.size,
    });
  }
  return refs;
}

/**
 * Flattens a Lambda event into the objects it names: direct S3 notifications, or S3
 * notifications carried in SQS message bodies. An SQS body that is not an S3 notification
 * (such as the `s3:TestEvent` S3 sends when notifications are configured) names no object.
 * Throws `SyntaxError` per message whose body is not JSON, so that message is reported failed.
 *
 * @example
 * parseEvent(sqsEvent); // [{ ref: { bucket: 'b', key: 'incoming/a.html' }, messageId: 'm-1' }]
 */
export function parseEvent(event: IncomingEvent): { records: ObjectEventRecord[]; badMessages: string[] } {
  const records: ObjectEventRecord[] = [];
  const badMessages: string[] = [];
  const raw = (event as { Records?: unknown }).Records;
  if (!Array.isArray(raw)) return { records, badMessages };
  for (const item of raw as Array<S3RecordLike & { messageId?: string; body?: string }>) {
    if (item.eventSource === 'aws:sqs' || (item.messageId !== undefined && item.body !== undefined)) {
      let body: { Records?: S3RecordLike[] };
      try {
        body = JSON.parse(item.body ?? '') as { Records?: S3RecordLike[] };
      } catch {
        if (item.messageId) badMessages.push(item.messageId);
        continue;
      }
      for (const ref of refsFromS3Records(body.Records ?? [])) records.push({ ref, messageId: item.messageId });
    } else {
      for (const ref of refsFromS3Records([item])) records.push({ ref });
    }
  }
  return { records, badMessages };
}

/**
 * Builds a handler bound to the given clients and table.
 *
 * @example
 * const handle = createHandler({ s3, dynamo, tableName: 'records' });
 * const { batchItemFailures } = await handle(sqsEvent);
 */
export function createHandler(deps: HandlerDeps): (event: IncomingEvent) => Promise<HandlerResult> {
  // Powertools reads POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL itself; a constructor
  // option would override the stack's setting, so the name is only a fallback.
  const logger = deps.logger ?? new Logger(process.env.POWERTOOLS_SERVICE_NAME ? {} : { serviceName: DEFAULT_SERVICE_NAME });
  const prefix = deps.incomingPrefix ?? DEFAULT_INCOMING_PREFIX;
  const processor = deps.processor ?? createObjectProcessor({ ...deps, logger });

  return async (event) => {
    const { records, badMessages } = parseEvent(event);
    const failed = new Set<string>(badMessages);
    let directFailures = 0;
    for (const messageId of badMessages) logger.error('message body is not JSON', { messageId });
    // Records run one after another: objects in one batch often share index buckets (a site's
    // re-renderings arrive together), and serial work keeps the lease waits inside one invocation short.
    for (const record of records) {
      // A message already failed for one of its objects is retried whole; skip the rest of it.
      if (record.messageId !== undefined && failed.has(record.messageId)) continue;
      const { bucket, key } = record.ref;
      if (!key.startsWith(prefix)) {
        logger.info('skipped: outside the incoming prefix', { bucket, key, prefix });
        continue;
      }
      try {
        const result: ProcessedObject = await processor(record.ref);
        logger.info('decision', { bucket, key, ...result });
      } catch (error) {
        logger.error('failed; will be retried', { bucket, key, error: error as Error });
        if (record.messageId !== undefined) failed.add(record.messageId);
        else directFailures += 1;
      }
    }
    // Direct S3 invocations have no partial-batch protocol: throwing makes Lambda retry the event.
    if (directFailures > 0) throw new Error(`${directFailures} object(s) failed; see the logs`);
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

function envNumber(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, got ${value}`);
  return parsed;
}

let defaultHandler: ((event: IncomingEvent) => Promise<HandlerResult>) | undefined;

/**
 * The deployed entry point. Clients are built once per container, on the first event:
 * the SDK reads `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL_DYNAMODB` itself, and
 * `S3_FORCE_PATH_STYLE=true` selects path-style addressing (s3rver needs it).
 *
 * @example
 * // CDK: new NodejsFunction(this, 'Dedup', { entry: 'lambdas/handler.ts', handler: 'handler' })
 */
export async function handler(event: IncomingEvent): Promise<HandlerResult> {
  if (!defaultHandler) {
    const tableName = process.env.TABLE_NAME;
    if (!tableName) throw new Error('TABLE_NAME is not set');
    defaultHandler = createHandler({
      // Throttles and 5xx are retried inside each call with jittered back-off (issue 7).
      s3: new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true', maxAttempts: AWS_SDK_MAX_ATTEMPTS, retryMode: 'standard' }),
      dynamo: new DynamoDBClient({ maxAttempts: AWS_SDK_MAX_ATTEMPTS, retryMode: 'standard' }),
      tableName,
      incomingPrefix: process.env.INCOMING_PREFIX || DEFAULT_INCOMING_PREFIX,
      maxObjectBytes: envNumber('MAX_OBJECT_BYTES'),
    });
  }
  return defaultHandler(event);
}
