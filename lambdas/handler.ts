// The Lambda entry point: unpacks S3 events (direct or inside SQS messages), processes each
// object once, and reports per-message failures so only those are retried.
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, S3Event, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DEFAULT_INCOMING_PREFIX } from './adapters/table-schema.js';
import { AWS_SDK_MAX_ATTEMPTS } from './core/settings.js';
import { SQSClient } from '@aws-sdk/client-sqs';
import { sqsEnqueue } from './adapters/sqs-queue.js';
import { createObjectProcessor, createRangeProcessor } from './process-object.js';
import type { FanOut } from './process-crawl.js';
import { FAN_OUT_MIN_OBJECT_BYTES, PLAN_BYTES_PER_MESSAGE, RANGE_TIME_RESERVE_MS, RECORDS_PER_MESSAGE } from './readers/settings.js';
import type { ObjectProcessor, ProcessedObject } from './process-object.js';
import type { ObjectRef } from './adapters/s3-source.js';
import type { DedupOptions } from './dedup/options.js';
import { OBJECT_TIME_RESERVE_MS } from './handler-settings.js';
import { parseQueueMessage, s3RecordRefs, UnusableMessageError } from './queue-message.js';
import type { QueueMessage } from './queue-message.js';
import { CapacityMeter } from './adapters/capacity-meter.js';
import { withoutSdkCallLogging } from './adapters/sdk-clients.js';
import { createPowertoolsMetrics, InvocationMetrics } from './pipeline-metrics.js';

export { decodeS3Key } from './queue-message.js';

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
  /**
   * An object is not started with less than this left before the invocation's timeout (read
   * from the Lambda context; without one, never checked). @default OBJECT_TIME_RESERVE_MS
   */
  readonly objectTimeReserveMs?: number;
  /** Replaces the per-object work (tests). @default createObjectProcessor(deps) */
  readonly processor?: ObjectProcessor;
  /** Crawl files: fan large ones out through the queue (deployed: QUEUE_URL). @default none */
  readonly fanOut?: FanOut;
  /** Counts each invocation's decisions and writes them as EMF lines when it ends. @default none (no metrics) */
  readonly metrics?: InvocationMetrics;
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

/** The part of the Lambda context the handler reads; tests pass a fake. */
export type InvocationContext = Pick<Context, 'getRemainingTimeInMillis'> & Partial<Context>;

/** Service name in the logs when POWERTOOLS_SERVICE_NAME is not set. */
const DEFAULT_SERVICE_NAME = 'scrape-dedup';

/** An object not started because the invocation could not finish it before its timeout. */
export class OutOfTimeError extends Error {
  constructor(remainingMs: number, reserveMs: number) {
    super(`not started: ${remainingMs} ms left in the invocation, an object may need ${reserveMs} ms`);
    this.name = 'OutOfTimeError';
  }
}

const isSqsEvent = (event: IncomingEvent): event is SQSEvent => {
  const records = (event as { Records?: unknown }).Records;
  if (!Array.isArray(records) || records.length === 0) return false;
  const first = records[0] as { eventSource?: unknown; messageId?: unknown; body?: unknown } | null;
  return first !== null && typeof first === 'object' && (first.eventSource === 'aws:sqs' || (first.messageId !== undefined && first.body !== undefined));
};

/**
 * Flattens a Lambda event into the objects it names: direct S3 notifications, or S3
 * notifications carried in SQS message bodies, each message parsed on its own
 * ({@link parseQueueMessage}). `badMessages` lists the SQS messages that name no usable
 * object (not JSON, not a notification, malformed records); the S3 test event is neither.
 *
 * @example
 * parseEvent(sqsEvent); // { records: [{ ref: { bucket: 'b', key: 'incoming/a.html' }, messageId: 'm-1' }], badMessages: [] }
 */
export function parseEvent(event: IncomingEvent): { records: ObjectEventRecord[]; badMessages: string[] } {
  const records: ObjectEventRecord[] = [];
  const badMessages: string[] = [];
  const raw = (event as { Records?: unknown }).Records;
  if (!Array.isArray(raw)) return { records, badMessages };
  if (!isSqsEvent(event)) {
    for (const ref of s3RecordRefs(raw).refs) records.push({ ref });
    return { records, badMessages };
  }
  for (const message of event.Records) {
    try {
      const parsed = parseQueueMessage(message.body);
      if (parsed.kind !== 's3-objects') continue;
      for (const ref of parsed.refs) records.push({ ref, messageId: message.messageId });
      if (parsed.problems.length > 0) badMessages.push(message.messageId);
    } catch (error) {
      if (!(error instanceof UnusableMessageError)) throw error;
      badMessages.push(message.messageId);
    }
  }
  return { records, badMessages };
}

/**
 * Builds a handler bound to the given clients and table. SQS batches go through Powertools'
 * batch utility: messages run one after another, each parsed on its own, and only the messages
 * that failed are returned in `batchItemFailures`. With a Lambda context, an object is not
 * started when less than `objectTimeReserveMs` is left (it fails, and SQS redelivers it).
 *
 * @example
 * const handle = createHandler({ s3, dynamo, tableName: 'records' });
 * const { batchItemFailures } = await handle(sqsEvent, context);
 */
export function createHandler(deps: HandlerDeps): (event: IncomingEvent, context?: InvocationContext) => Promise<HandlerResult> {
  // Powertools reads POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL itself; a constructor
  // option would override the stack's setting, so the name is only a fallback.
  const logger = deps.logger ?? new Logger(process.env.POWERTOOLS_SERVICE_NAME ? {} : { serviceName: DEFAULT_SERVICE_NAME });
  const prefix = deps.incomingPrefix ?? DEFAULT_INCOMING_PREFIX;
  const reserveMs = deps.objectTimeReserveMs ?? OBJECT_TIME_RESERVE_MS;
  const processor = deps.processor ?? createObjectProcessor({ ...deps, logger });
  const processRange = createRangeProcessor({ ...deps, logger });
  const { metrics } = deps;

  /** Processes one object; throws when it failed (a retry may help) or was not started. */
  async function processRef(ref: ObjectRef, context: InvocationContext | undefined, anyPrefix = false): Promise<void> {
    const { bucket, key } = ref;
    // Backfilled objects come from the listing the user started the backfill on; the grants decide what is readable.
    if (!anyPrefix && !key.startsWith(prefix)) {
      logger.info('skipped: outside the incoming prefix', { bucket, key, prefix });
      return;
    }
    const remainingMs = context?.getRemainingTimeInMillis();
    if (remainingMs !== undefined && remainingMs < reserveMs) {
      const error = new OutOfTimeError(remainingMs, reserveMs);
      logger.warn('not started: too little time left; will be retried', { bucket, key, remainingMs, reserveMs });
      throw error;
    }
    try {
      const result: ProcessedObject & { records?: readonly ProcessedObject[] } = await processor(ref);
      metrics?.recordObject(result);
      // A crawl file logged each record's decision already; its summary line carries counts.
      logger.info('decision', { bucket, key, ...result, records: result.records?.length });
    } catch (error) {
      logger.error('failed; will be retried', { bucket, key, error: error as Error });
      throw error;
    }
  }

  /** One SQS message: parsed on its own, its objects processed in order. */
  async function processMessage(message: SQSRecord, context: InvocationContext | undefined): Promise<void> {
    const { messageId } = message;
    let parsed: QueueMessage;
    try {
      parsed = parseQueueMessage(message.body);
    } catch (error) {
      if (error instanceof UnusableMessageError) logger.error('unusable message; will reach the dead-letter queue', { messageId, reason: error.reason });
      throw error;
    }
    if (parsed.kind === 's3-test-event') {
      logger.info('acknowledged: S3 test event', { messageId });
      return;
    }
    if (parsed.kind === 'backfill-object') return processRef(parsed.ref, context, true);
    if (parsed.kind === 'crawl-range') {
      const { message: range } = parsed;
      const result = await processRange(range, context ? () => context.getRemainingTimeInMillis() : undefined);
      metrics?.recordObject(result);
      logger.info('range', { bucket: range.bucket, key: range.key, kind: range.scrapeDedup, start: range.start, end: range.end, totals: result.totals, messagesSent: result.messagesSent });
      return;
    }
    // A message fails at its first failed object; the rest of it runs again on redelivery.
    for (const ref of parsed.refs) await processRef(ref, context);
    if (parsed.problems.length > 0) {
      const reason = parsed.problems.join('; ');
      logger.error('unusable records in message; will reach the dead-letter queue', { messageId, reason });
      throw new UnusableMessageError(reason);
    }
  }

  /** One invocation, its metrics written when it ends however it ends. */
  return async (event, context) => {
    metrics?.captureColdStart(context?.functionName);
    try {
      return await handleEvent(event, context);
    } finally {
      metrics?.publish();
    }
  };

  async function handleEvent(event: IncomingEvent, context: InvocationContext | undefined): Promise<HandlerResult> {
    if (context?.awsRequestId !== undefined) logger.addContext(context as Context);
    if (isSqsEvent(event)) {
      // A processor holds one batch's state: one per invocation (the local CLI runs several at once).
      // Records run one after another: objects in one batch often share index buckets (a site's
      // re-renderings arrive together), and serial work keeps the lease waits inside one invocation short.
      return processPartialResponse(event, (message: SQSRecord) => processMessage(message, context), new BatchProcessor(EventType.SQS), {
        context: context as Context | undefined,
        processInParallel: false,
        throwOnFullBatchFailure: false,
      });
    }
    const raw = (event as { Records?: unknown }).Records;
    const { refs, problems } = s3RecordRefs(Array.isArray(raw) ? raw : []);
    let failures = problems.length;
    for (const reason of problems) logger.error('unusable S3 record', { reason });
    for (const ref of refs) {
      try {
        await processRef(ref, context);
      } catch {
        failures += 1;
      }
    }
    // Direct S3 invocations have no partial-batch protocol: throwing makes Lambda retry the event.
    if (failures > 0) throw new Error(`${failures} object(s) failed; see the logs`);
    return { batchItemFailures: [] };
  }
}

function envNumber(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, got ${value}`);
  return parsed;
}

/** Fan-out of large crawl files through the function's own queue, with the settings' sizes. */
function defaultFanOut(sqs: SQSClient, queueUrl: string): FanOut {
  return {
    enqueue: sqsEnqueue(sqs, queueUrl),
    minObjectBytes: envNumber('FAN_OUT_MIN_OBJECT_BYTES') ?? FAN_OUT_MIN_OBJECT_BYTES,
    recordsPerMessage: RECORDS_PER_MESSAGE,
    planBytesPerMessage: PLAN_BYTES_PER_MESSAGE,
    rangeTimeReserveMs: RANGE_TIME_RESERVE_MS,
  };
}

/** Wraps each AWS SDK client the deployed handler builds (the traced entry adds X-Ray capture). */
export type ClientInstrumentation = <T>(client: T) => T;

/** The Lambda entry point's signature. */
export type LambdaHandler = (event: IncomingEvent, context?: Context) => Promise<HandlerResult>;

/**
 * Builds the deployed entry point. Clients are built once per container, on the first event:
 * the SDK reads `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL_DYNAMODB` itself, and
 * `S3_FORCE_PATH_STYLE=true` selects path-style addressing (s3rver needs it). Metrics (EMF)
 * are on: one set of lines per invocation, with the DynamoDB capacity the meter read.
 *
 * @example
 * export const handler = createDeployedHandler((client) => tracer.captureAWSv3Client(client));
 */
export function createDeployedHandler(instrument: ClientInstrumentation = (client) => client): LambdaHandler {
  let deployed: ((event: IncomingEvent, context?: InvocationContext) => Promise<HandlerResult>) | undefined;
  return async (event, context) => {
    if (!deployed) {
      const tableName = process.env.TABLE_NAME;
      if (!tableName) throw new Error('TABLE_NAME is not set');
      // The meter reads the capacity DynamoDB reports on each of the store's calls (lambdas/adapters/capacity-meter.ts).
      const capacity = new CapacityMeter();
      const queueUrl = process.env.QUEUE_URL;
      deployed = createHandler({
        // Throttles and 5xx are retried inside each call with jittered back-off (issue 7).
        s3: instrument(withoutSdkCallLogging(new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true', maxAttempts: AWS_SDK_MAX_ATTEMPTS, retryMode: 'standard' }))),
        dynamo: instrument(capacity.attach(withoutSdkCallLogging(new DynamoDBClient({ maxAttempts: AWS_SDK_MAX_ATTEMPTS, retryMode: 'standard' })))),
        metrics: new InvocationMetrics(createPowertoolsMetrics(process.env), () => capacity.take()),
        tableName,
        incomingPrefix: process.env.INCOMING_PREFIX || DEFAULT_INCOMING_PREFIX,
        maxObjectBytes: envNumber('MAX_OBJECT_BYTES'),
        ...(queueUrl ? { fanOut: defaultFanOut(instrument(withoutSdkCallLogging(new SQSClient({ maxAttempts: AWS_SDK_MAX_ATTEMPTS, retryMode: 'standard' }))), queueUrl) } : {}),
      });
    }
    return deployed(event, context);
  };
}

/**
 * The deployed entry point (lib/dedup-function.ts bundles this module).
 *
 * @example
 * // CDK: new NodejsFunction(this, 'Dedup', { entry: 'lambdas/handler.ts', handler: 'handler' })
 */
export const handler: LambdaHandler = createDeployedHandler();
